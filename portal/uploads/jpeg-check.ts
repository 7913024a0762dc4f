import jpeg from 'jpeg-js';
import { FULL_DECODE_MAX_PIXELS, MAX_IMAGE_PIXELS } from './limits';
import { refused, unreadableImage, usable, type ImageProblem, type Verdict } from './verdict';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
/** Start-of-frame markers (C0–CF except DHT C4, JPG C8 and DAC CC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** What browsers (and so the agent's screen) display: baseline, extended sequential and progressive Huffman. */
const DISPLAYABLE_FRAMES: ReadonlySet<number> = new Set([0xc0, 0xc1, 0xc2]);
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

type Frame = { width: number; height: number; precision: number; components: number };

function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

/** Index of the marker that ends the entropy-coded data starting at `from`, or -1 when the file ends first. */
function endOfScan(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    at = bytes.indexOf(0xff, at);
    if (at < 0 || at + 1 >= bytes.length) return -1;
    const next = bytes[at + 1] ?? 0;
    // FF00 is an escaped data byte, FFD0–FFD7 a restart, FFFF a fill byte before a marker.
    if (next === 0x00 || isRestart(next) || next === 0xff) at += next === 0xff ? 1 : 2;
    else return at;
  }
}

type Structure = { ok: true; frame: Frame } | { ok: false; problem: ImageProblem };

/** Walks the segments from SOI to EOI: every length inside the file, one frame, at least one scan, an end. */
function readStructure(bytes: Uint8Array): Structure {
  const broken: Structure = { ok: false, problem: { kind: 'unreadable' } };
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return broken;
  let at = 2;
  let frame: Frame | null = null;
  let scans = 0;
  for (;;) {
    // Some encoders leave junk between segments; decoders skip to the next marker, so do we.
    at = bytes.indexOf(0xff, at);
    if (at < 0) return broken;
    while (bytes[at] === 0xff) at += 1;
    const marker = bytes[at];
    at += 1;
    if (marker === undefined || marker === SOI) return broken;
    if (marker === EOI) break;
    if (isRestart(marker) || marker === 0x01) continue;
    const length = u16(bytes, at);
    if (length < 2 || at + length > bytes.length) return broken;
    if (isStartOfFrame(marker)) {
      const components = bytes[at + 7] ?? 0;
      if (frame || length !== 8 + 3 * components) return broken;
      frame = {
        precision: bytes[at + 2] ?? 0,
        height: u16(bytes, at + 3),
        width: u16(bytes, at + 5),
        components,
      };
      if (!DISPLAYABLE_FRAMES.has(marker)) {
        const variant =
          marker === 0xc3 || marker === 0xc7 || marker === 0xcb || marker === 0xcf
            ? 'JPEG sans perte'
            : marker >= 0xc9
              ? 'codage arithmétique'
              : 'JPEG hiérarchique';
        return { ok: false, problem: { kind: 'unsupported', variant } };
      }
      if (frame.precision !== 8)
        return {
          ok: false,
          problem: { kind: 'unsupported', variant: `${frame.precision} bits par composante` },
        };
      // A height of 0 is announced later by a DNL segment, which no browser supports.
      if (frame.width === 0 || frame.height === 0 || ![1, 3, 4].includes(components)) return broken;
    }
    if (marker === SOS) {
      if (!frame) return broken;
      scans += 1;
      at = endOfScan(bytes, at + length);
      if (at < 0) return broken;
      continue;
    }
    at += length;
  }
  return frame && scans > 0 ? { ok: true, frame } : broken;
}

/**
 * A JPEG is usable when its structure is complete (a truncated file has no end marker) and, up to
 * FULL_DECODE_MAX_PIXELS, when jpeg-js decodes every pixel. Anything that may be added after the
 * end marker (a second picture, camera data) is ignored, as viewers do.
 */
export function checkJpeg(bytes: Uint8Array): Verdict<ImageProblem> {
  const structure = readStructure(bytes);
  if (!structure.ok) return refused(structure.problem);
  const { width, height } = structure.frame;
  const pixels = width * height;
  if (pixels > MAX_IMAGE_PIXELS) return refused({ kind: 'tooLarge', pixels });
  if (pixels <= FULL_DECODE_MAX_PIXELS) {
    try {
      jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: false,
        maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000,
        maxMemoryUsageInMB: 1024,
      });
    } catch {
      return unreadableImage();
    }
  }
  return usable(null);
}

import { MAX_IMAGE_PIXELS } from './limits';
import { refused, unreadableImage, usable, type ImageProblem, type Verdict } from './verdict';

const FILE_HEADER_BYTES = 14;
/** BITMAPCOREHEADER (12), BITMAPINFOHEADER (40) and its successors (52, 56, 108, 124), OS/2 2.x (64). */
const CORE_HEADER = 12;
const OS2_HEADER = 64;
const INFO_HEADERS: ReadonlySet<number> = new Set([40, 52, 56, OS2_HEADER, 108, 124]);

const COMPRESSION = { rgb: 0, rle8: 1, rle4: 2, bitfields: 3, jpeg: 4, png: 5, alphaBitfields: 6 };

type Layout = {
  width: number;
  /** Negative for a top-down bitmap. */
  height: number;
  bitsPerPixel: number;
  compression: number;
  /** Bytes between the headers and the palette (colour masks). */
  masks: number;
  paletteEntries: number;
  paletteEntryBytes: number;
};

type Parsed = { ok: true; layout: Layout } | { ok: false; problem: ImageProblem };

function readLayout(bytes: Uint8Array, view: DataView): Parsed {
  const broken: Parsed = { ok: false, problem: { kind: 'unreadable' } };
  if (bytes.length < FILE_HEADER_BYTES + 4) return broken;
  const headerBytes = view.getUint32(14, true);
  if (FILE_HEADER_BYTES + headerBytes > bytes.length) return broken;
  if (headerBytes === CORE_HEADER) {
    const bitsPerPixel = view.getUint16(24, true);
    if (view.getUint16(22, true) !== 1 || ![1, 4, 8, 24].includes(bitsPerPixel)) return broken;
    return {
      ok: true,
      layout: {
        width: view.getUint16(18, true),
        height: view.getUint16(20, true),
        bitsPerPixel,
        compression: COMPRESSION.rgb,
        masks: 0,
        paletteEntries: bitsPerPixel <= 8 ? 2 ** bitsPerPixel : 0,
        paletteEntryBytes: 3,
      },
    };
  }
  if (!INFO_HEADERS.has(headerBytes)) return broken;
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const coloursUsed = view.getUint32(46, true);
  if (view.getUint16(26, true) !== 1 || ![1, 4, 8, 16, 24, 32].includes(bitsPerPixel))
    return broken;
  if (compression === COMPRESSION.jpeg || compression === COMPRESSION.png)
    return {
      ok: false,
      problem: {
        kind: 'unsupported',
        variant: `image ${compression === COMPRESSION.jpeg ? 'JPEG' : 'PNG'} enveloppée dans un BMP`,
      },
    };
  const allowed =
    compression === COMPRESSION.rgb ||
    (headerBytes !== OS2_HEADER &&
      ((compression === COMPRESSION.rle8 && bitsPerPixel === 8) ||
        (compression === COMPRESSION.rle4 && bitsPerPixel === 4) ||
        ((compression === COMPRESSION.bitfields || compression === COMPRESSION.alphaBitfields) &&
          (bitsPerPixel === 16 || bitsPerPixel === 32))));
  if (!allowed) return broken;
  const maxColours = bitsPerPixel <= 8 ? 2 ** bitsPerPixel : 0;
  if (bitsPerPixel <= 8 && coloursUsed > maxColours) return broken;
  // Version 1 headers keep the colour masks after the header; later versions hold them inside.
  const masks =
    headerBytes === 40
      ? compression === COMPRESSION.bitfields
        ? 12
        : compression === COMPRESSION.alphaBitfields
          ? 16
          : 0
      : 0;
  return {
    ok: true,
    layout: {
      width: view.getInt32(18, true),
      height: view.getInt32(22, true),
      bitsPerPixel,
      compression,
      masks,
      paletteEntries: bitsPerPixel <= 8 ? coloursUsed || maxColours : 0,
      paletteEntryBytes: 4,
    },
  };
}

/**
 * Walks a run-length encoded bitmap (RLE8 or RLE4) to its end-of-bitmap code without drawing it:
 * the data must not stop before every row is accounted for.
 */
function runLengthComplete(bytes: Uint8Array, from: number, layout: Layout): boolean {
  const rows = layout.height;
  const nibbles = layout.compression === COMPRESSION.rle4;
  let at = from;
  let row = 0;
  while (at + 2 <= bytes.length) {
    const count = bytes[at] ?? 0;
    const value = bytes[at + 1] ?? 0;
    at += 2;
    if (count > 0) continue;
    if (value === 0) row += 1;
    else if (value === 1) return true;
    else if (value === 2) {
      if (at + 2 > bytes.length) return false;
      row += bytes[at + 1] ?? 0;
      at += 2;
    } else {
      const dataBytes = nibbles ? Math.ceil(value / 2) : value;
      at += dataBytes + (dataBytes % 2);
      if (at > bytes.length) return false;
    }
    if (row > rows) return false;
  }
  // Some encoders drop the end-of-bitmap code after the last row.
  return row >= rows;
}

/**
 * A BMP is usable when its headers describe a real bitmap (known header size, one plane, a known
 * depth and compression), the palette and the pixel rows lie inside the file, and a run-length
 * bitmap runs to its end. Checked from the headers and counts alone: nothing is drawn in memory.
 */
export function checkBmp(bytes: Uint8Array): Verdict<ImageProblem> {
  if (bytes[0] !== 0x42 || bytes[1] !== 0x4d) return unreadableImage();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parsed = readLayout(bytes, view);
  if (!parsed.ok) return refused(parsed.problem);
  const { layout } = parsed;
  const rows = Math.abs(layout.height);
  if (layout.width <= 0 || rows === 0) return unreadableImage();
  const pixels = layout.width * rows;
  if (pixels > MAX_IMAGE_PIXELS) return refused({ kind: 'tooLarge', pixels });
  const runLength =
    layout.compression === COMPRESSION.rle8 || layout.compression === COMPRESSION.rle4;
  if (runLength && layout.height < 0) return unreadableImage();

  const headersEnd = FILE_HEADER_BYTES + view.getUint32(14, true) + layout.masks;
  const paletteEnd = headersEnd + layout.paletteEntries * layout.paletteEntryBytes;
  const pixelOffset = view.getUint32(10, true);
  if (paletteEnd > bytes.length || pixelOffset < headersEnd || pixelOffset >= bytes.length)
    return unreadableImage();
  if (runLength)
    return runLengthComplete(bytes, pixelOffset, layout) ? usable(null) : unreadableImage();
  const rowBytes = Math.floor((layout.bitsPerPixel * layout.width + 31) / 32) * 4;
  return pixelOffset + rowBytes * rows <= bytes.length ? usable(null) : unreadableImage();
}

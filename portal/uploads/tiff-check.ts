import UTIF from 'utif2';
import { inflateSync } from 'node:zlib';
import { FULL_DECODE_MAX_PIXELS, MAX_IMAGE_PIXELS, MAX_TIFF_DIRECTORIES } from './limits';
import { refused, unreadableImage, usable, type ImageProblem, type Verdict } from './verdict';

const TAG = {
  newSubfileType: 254,
  subfileType: 255,
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  tileWidth: 322,
  tileLength: 323,
  tileOffsets: 324,
  tileByteCounts: 325,
} as const;

/** Compressions utif2 decodes, with the names used when one is refused. */
const COMPRESSIONS: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 8, 32773, 32946]);
const DEFLATE: ReadonlySet<number> = new Set([8, 32946]);
const NAMED_COMPRESSIONS: Readonly<Record<number, string>> = {
  34712: 'compression JPEG 2000',
  34887: 'compression LERC',
  50000: 'compression Zstandard',
  50001: 'compression WebP',
  34925: 'compression LZMA',
};

const WANTED: ReadonlySet<number> = new Set(Object.values(TAG));

/** Byte size of the TIFF field types that carry the integers read here. */
const INTEGER_TYPES: Readonly<Record<number, number>> = { 1: 1, 3: 2, 4: 4, 13: 4 };

type Reader = { u16(at: number): number; u32(at: number): number };

function readerFor(bytes: Uint8Array, littleEndian: boolean): Reader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    u16: (at) => (at + 2 <= bytes.length ? view.getUint16(at, littleEndian) : NaN),
    u32: (at) => (at + 4 <= bytes.length ? view.getUint32(at, littleEndian) : NaN),
  };
}

type Directory = { offset: number; tags: Map<number, number[]> };

/** One IFD's integer tags; null when the directory does not lie inside the file. */
function readDirectory(bytes: Uint8Array, read: Reader, offset: number): Directory | null {
  const count = read.u16(offset);
  if (!Number.isFinite(count) || offset + 2 + count * 12 + 4 > bytes.length) return null;
  const tags = new Map<number, number[]>();
  for (let entry = 0; entry < count; entry += 1) {
    const at = offset + 2 + entry * 12;
    const tag = read.u16(at);
    const size = INTEGER_TYPES[read.u16(at + 2)];
    const valueCount = read.u32(at + 4);
    if (!WANTED.has(tag) || size === undefined) continue;
    const inline = size * valueCount <= 4;
    const start = inline ? at + 8 : read.u32(at + 8);
    if (start + size * valueCount > bytes.length) return null;
    const values: number[] = new Array<number>(valueCount);
    for (let index = 0; index < valueCount; index += 1) {
      const place = start + index * size;
      values[index] =
        size === 1 ? (bytes[place] ?? 0) : size === 2 ? read.u16(place) : read.u32(place);
    }
    tags.set(tag, values);
  }
  return { offset, tags };
}

type Chain = { ok: true; directories: Directory[] } | { ok: false };

/** Follows the chain of IFDs, refusing a loop, a directory outside the file or an endless chain. */
function readChain(bytes: Uint8Array, read: Reader): Chain {
  const directories: Directory[] = [];
  const seen = new Set<number>();
  let offset = read.u32(4);
  while (offset !== 0) {
    if (!Number.isFinite(offset) || seen.has(offset) || seen.size >= MAX_TIFF_DIRECTORIES)
      return { ok: false };
    seen.add(offset);
    const directory = readDirectory(bytes, read, offset);
    if (!directory) return { ok: false };
    directories.push(directory);
    offset = read.u32(offset + 2 + read.u16(offset) * 12);
  }
  return { ok: true, directories };
}

const first = (directory: Directory, tag: number, fallback: number): number =>
  directory.tags.get(tag)?.[0] ?? fallback;

/** A thumbnail or reduced-resolution copy is not a page. */
function isPage(directory: Directory): boolean {
  return (
    directory.tags.has(TAG.width) &&
    (first(directory, TAG.newSubfileType, 0) & 1) === 0 &&
    first(directory, TAG.subfileType, 1) !== 2
  );
}

type Page = { directory: Directory; pixels: number; compression: number; tiled: boolean };

/** The page's declared layout is sound and every strip or tile lies inside the file. */
function checkPageLayout(bytes: Uint8Array, directory: Directory): Page | ImageProblem {
  const width = first(directory, TAG.width, 0);
  const height = first(directory, TAG.height, 0);
  const compression = first(directory, TAG.compression, 1);
  const bits = first(directory, TAG.bitsPerSample, 1);
  const samples = first(directory, TAG.samplesPerPixel, 1);
  if (width === 0 || height === 0) return { kind: 'unreadable' };
  const pixels = width * height;
  if (pixels > MAX_IMAGE_PIXELS) return { kind: 'tooLarge', pixels };
  if (!COMPRESSIONS.has(compression))
    return {
      kind: 'unsupported',
      variant: NAMED_COMPRESSIONS[compression] ?? `compression n° ${compression}`,
    };
  if (![1, 2, 4, 8, 16].includes(bits) || samples < 1 || samples > 5) return { kind: 'unreadable' };

  const tiled = directory.tags.has(TAG.tileOffsets);
  const offsets = directory.tags.get(tiled ? TAG.tileOffsets : TAG.stripOffsets) ?? [];
  const counts = directory.tags.get(tiled ? TAG.tileByteCounts : TAG.stripByteCounts);
  const rowBytes = Math.ceil((width * bits * samples) / 8);
  if (offsets.length === 0) return { kind: 'unreadable' };
  if (!counts) {
    // Allowed for one uncompressed strip only: its size follows from the dimensions.
    const [offset = Infinity] = offsets;
    const whole = offsets.length === 1 && compression === 1;
    return whole && offset + rowBytes * height <= bytes.length
      ? { directory, pixels, compression, tiled }
      : { kind: 'unreadable' };
  }
  if (counts.length !== offsets.length) return { kind: 'unreadable' };
  let total = 0;
  for (let index = 0; index < offsets.length; index += 1) {
    const offset = offsets[index] ?? Infinity;
    const count = counts[index] ?? 0;
    if (count === 0 || offset + count > bytes.length) return { kind: 'unreadable' };
    total += count;
  }
  if (compression === 1 && !tiled && total < rowBytes * height) return { kind: 'unreadable' };
  return { directory, pixels, compression, tiled };
}

/** Each Deflate strip inflates, to no more than a strip's worth of rows (so a bomb stops early). */
function deflateStripsInflate(bytes: Uint8Array, page: Page): boolean {
  const { tags } = page.directory;
  const width = first(page.directory, TAG.width, 0);
  const height = first(page.directory, TAG.height, 0);
  const rowBytes = Math.ceil(
    (width *
      first(page.directory, TAG.bitsPerSample, 1) *
      first(page.directory, TAG.samplesPerPixel, 1)) /
      8,
  );
  const rows = Math.min(first(page.directory, TAG.rowsPerStrip, height), height);
  const offsets = tags.get(TAG.stripOffsets) ?? [];
  const counts = tags.get(TAG.stripByteCounts) ?? [];
  return offsets.every((offset, index) => {
    try {
      const strip = bytes.subarray(offset, offset + (counts[index] ?? 0));
      inflateSync(strip, { maxOutputLength: rowBytes * rows + 1 });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Decodes the compressed strips of one page with utif2. Called only once readChain has proved the
 * chain finite (utif2 follows it without a guard) and for pages small enough to decode.
 */
function stripsDecode(buffer: ArrayBuffer, decoded: UTIF.IFD[], index: number): boolean {
  const ifd = decoded[index];
  if (!ifd) return false;
  try {
    (UTIF.decodeImage as (buffer: ArrayBuffer, ifd: UTIF.IFD, ifds: UTIF.IFD[]) => void)(
      buffer,
      ifd,
      decoded,
    );
    return ifd.data instanceof Uint8Array && ifd.data.length > 0;
  } catch {
    return false;
  } finally {
    // The decoded pixels are not needed: let them go before the next page.
    delete (ifd as Partial<UTIF.IFD>).data;
  }
}

/**
 * A TIFF is usable when its chain of directories is finite and inside the file, it has at least
 * one page (thumbnails aside), and every page has sound dimensions, a known compression, strips or
 * tiles inside the file and, up to FULL_DECODE_MAX_PIXELS, compressed data that decodes.
 */
export function checkTiff(bytes: Uint8Array): Verdict<ImageProblem> {
  const order = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return unreadableImage();
  const read = readerFor(bytes, order === 'II');
  const version = read.u16(2);
  if (version === 43) return refused({ kind: 'unsupported', variant: 'BigTIFF' });
  if (version !== 42) return unreadableImage();

  const chain = readChain(bytes, read);
  if (!chain.ok) return unreadableImage();
  const pages: { page: Page; chainIndex: number }[] = [];
  for (const [chainIndex, directory] of chain.directories.entries()) {
    if (!isPage(directory)) continue;
    const page = checkPageLayout(bytes, directory);
    if ('kind' in page) {
      return refused(
        page.kind === 'unreadable' ? { kind: 'unreadable', page: pages.length + 1 } : page,
      );
    }
    pages.push({ page, chainIndex });
  }
  if (pages.length === 0) return refused({ kind: 'noPage' });

  const toDecode = pages.filter(
    ({ page }) => page.compression !== 1 && !page.tiled && page.pixels <= FULL_DECODE_MAX_PIXELS,
  );
  if (toDecode.length > 0) {
    // One copy into a plain ArrayBuffer: utif2 views it without copying it again for each page.
    const buffer = new Uint8Array(bytes).buffer;
    let decoded: UTIF.IFD[];
    try {
      decoded = (UTIF.decode as (buffer: ArrayBuffer, options: object) => UTIF.IFD[])(buffer, {
        parseMN: false,
        debug: false,
      });
    } catch {
      return unreadableImage();
    }
    for (const { page, chainIndex } of toDecode) {
      const fine = DEFLATE.has(page.compression)
        ? deflateStripsInflate(bytes, page)
        : stripsDecode(buffer, decoded, chainIndex);
      if (!fine) return unreadableImage(pages.findIndex((entry) => entry.page === page) + 1);
    }
  }
  return usable(pages.length);
}

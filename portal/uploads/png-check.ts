import { createInflate, crc32 } from 'node:zlib';
import { MAX_IMAGE_PIXELS } from './limits';
import { refused, unreadableImage, usable, type ImageProblem, type Verdict } from './verdict';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bit depths allowed for each colour type (PNG specification, table 11.1), and samples per pixel. */
const COLOUR_TYPES: Readonly<Record<number, { depths: readonly number[]; samples: number }>> = {
  0: { depths: [1, 2, 4, 8, 16], samples: 1 },
  2: { depths: [8, 16], samples: 3 },
  3: { depths: [1, 2, 4, 8], samples: 1 },
  4: { depths: [8, 16], samples: 2 },
  6: { depths: [8, 16], samples: 4 },
};

/** Adam7 passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

type Header = { width: number; height: number; bitsPerPixel: number; interlaced: boolean };

function u32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}

function readHeader(data: Uint8Array): Header | null {
  const [depth, colourType, compression, filter, interlace] = data.subarray(8, 13);
  const width = u32(data, 0);
  const height = u32(data, 4);
  const type = COLOUR_TYPES[colourType ?? -1];
  if (!type || depth === undefined || !type.depths.includes(depth)) return null;
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) return null;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return null;
  return { width, height, bitsPerPixel: depth * type.samples, interlaced: interlace === 1 };
}

/** Bytes per scanline (filter byte included) of each row, pass after pass, as [rowBytes, rows] runs. */
function scanlines({ width, height, bitsPerPixel, interlaced }: Header): [number, number][] {
  const passes = interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  const runs: [number, number][] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const columns = Math.ceil((width - x0) / dx);
    const rows = Math.ceil((height - y0) / dy);
    if (columns > 0 && rows > 0) runs.push([1 + Math.ceil((columns * bitsPerPixel) / 8), rows]);
  }
  return runs;
}

/**
 * Inflates the image data as a stream and checks that it holds exactly the scanlines the header
 * announces, each with a known filter type (0–4). Memory stays constant whatever the image size;
 * inflating stops as soon as every row is seen, so extra data cannot blow up.
 */
function imageDataComplete(idat: readonly Uint8Array[], header: Header): Promise<boolean> {
  const runs = scanlines(header);
  let run = 0;
  let rowInRun = 0;
  let byteInRow = 0;
  let complete = false;
  let broken = false;

  const consume = (chunk: Uint8Array) => {
    let at = 0;
    while (at < chunk.length && !complete) {
      const [rowBytes, rows] = runs[run] ?? [0, 0];
      if (byteInRow === 0 && (chunk[at] ?? 0) > 4) {
        broken = true;
        return;
      }
      const step = Math.min(rowBytes - byteInRow, chunk.length - at);
      at += step;
      byteInRow += step;
      if (byteInRow === rowBytes) {
        byteInRow = 0;
        rowInRun += 1;
        if (rowInRun === rows) {
          rowInRun = 0;
          run += 1;
          complete = run === runs.length;
        }
      }
    }
  };

  return new Promise((resolve) => {
    const inflate = createInflate();
    const finish = (result: boolean) => {
      inflate.removeAllListeners();
      inflate.on('error', () => undefined);
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      consume(chunk);
      if (broken) finish(false);
      else if (complete) finish(true);
    });
    // Viewers accept a zlib stream cut after the last row (missing checksum): so do we.
    inflate.on('error', () => finish(complete));
    inflate.on('end', () => finish(complete));
    for (const part of idat) inflate.write(part);
    inflate.end();
  });
}

/**
 * A PNG is usable when every chunk is whole with a right CRC, IHDR comes first with a valid
 * combination, IDAT chunks follow each other, IEND is there, and the image data inflates to
 * exactly the rows announced.
 */
export async function checkPng(bytes: Uint8Array): Promise<Verdict<ImageProblem>> {
  if (SIGNATURE.some((byte, index) => bytes[index] !== byte)) return unreadableImage();
  let at = SIGNATURE.length;
  let header: Header | null = null;
  let palette = false;
  let colourType = -1;
  const idat: Uint8Array[] = [];
  let idatClosed = false;
  let ended = false;
  while (!ended) {
    if (at + 12 > bytes.length) return unreadableImage();
    const length = u32(bytes, at);
    if (length > bytes.length - at - 12) return unreadableImage();
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32(bytes, at + 8 + length))
      return unreadableImage();
    if ((type === 'IHDR') !== (header === null)) return unreadableImage();
    if (type === 'IHDR') {
      header = length === 13 ? readHeader(data) : null;
      if (!header) return unreadableImage();
      colourType = data[9] ?? -1;
      const pixels = header.width * header.height;
      if (pixels > MAX_IMAGE_PIXELS) return refused({ kind: 'tooLarge', pixels });
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'IDAT') {
      if (idatClosed) return unreadableImage();
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
    } else if (/^[A-Z]/.test(type)) {
      // An unknown critical chunk: the specification says the image cannot be shown.
      return unreadableImage();
    }
    if (idat.length > 0 && type !== 'IDAT') idatClosed = true;
    at += 12 + length;
  }
  if (!header || idat.length === 0 || (colourType === 3 && !palette)) return unreadableImage();
  return (await imageDataComplete(idat, header)) ? usable(null) : unreadableImage();
}

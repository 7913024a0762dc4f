import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/** Just under the portal's 10 Mo rule (MAX_FILE_BYTES = 10 MiB), so each big file is still accepted. */
const BIG_SIDE = 1750;

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit RGB PNG from its pixels (row after row, 3 bytes each), every row with filter 0. */
function rgbPng(width: number, height: number, pixels: Uint8Array, level: number): Buffer {
  const rowBytes = width * 3;
  const scanlines = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y += 1)
    scanlines.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A small scan-like page (grey with dark lines), distinct for each `variant`. */
export function smallScan(variant: number): Buffer {
  const width = 320;
  const height = 240 + variant;
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const ink = (y + variant) % 12 < 4 && x > 8 && x < width - 8;
      pixels.fill(ink ? 40 : 235, (y * width + x) * 3, (y * width + x + 1) * 3);
    }
  return rgbPng(width, height, pixels, 9);
}

/**
 * A scan of about 9.2 MB that nothing can compress (noise, stored as is): the download moves
 * every byte, and each call gives a file no other call gives.
 */
export function bigScan(): Buffer {
  return rgbPng(BIG_SIDE, BIG_SIDE, randomBytes(BIG_SIDE * BIG_SIDE * 3), 0);
}

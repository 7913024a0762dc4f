import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeTiff, type TiffMode } from '../../../simulator/files/encode';
import { Raster } from '../../../simulator/files/raster';
import { readTiff } from './tiff-decode';

// readTiff runs in Node as it is: it imports utif2 only. Its pages come out as the browser's
// ImageData, which Node lacks: a stand-in checks the same thing the browser does (4 bytes a pixel).
class ImageDataStandIn {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {
    if (data.length !== width * height * 4) throw new RangeError('ImageData: taille incohérente');
  }
}
beforeAll(() => {
  if (typeof globalThis.ImageData === 'undefined') vi.stubGlobal('ImageData', ImageDataStandIn);
});
afterAll(() => vi.unstubAllGlobals());

/** Pages of different sizes, each with a black square at a place of its own. */
function pages(): Raster[] {
  return [
    { width: 300, height: 400, square: [20, 30] },
    { width: 320, height: 420, square: [200, 300] },
    { width: 400, height: 250, square: [100, 150] },
  ].map(({ width, height, square: [x, y] }) => {
    const raster = new Raster(width, height);
    raster.fillRect(x!, y!, 40, 40, [0, 0, 0]);
    return raster;
  });
}

/** A multi-page TIFF as the applicant simulator writes it (utif2's encoder, big-endian). */
const simulatorTiff = (mode: TiffMode) =>
  encodeTiff(pages(), mode, { dpi: 150, software: 'test', dateTime: '2026:01:01 00:00:00' });

/**
 * A little-endian TIFF of 8-bit grey pages, uncompressed, its directories after the pixels as
 * many scanners write them.
 */
function littleEndianTiff(grey: { width: number; height: number; value: number }[]): Uint8Array {
  const dataLength = grey.reduce((sum, page) => sum + page.width * page.height, 0);
  const entries = 9;
  const ifdLength = 2 + entries * 12 + 4;
  const firstIfd = 8 + dataLength + (dataLength % 2);
  const out = new Uint8Array(firstIfd + grey.length * ifdLength);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49]);
  view.setUint16(2, 42, true);
  view.setUint32(4, firstIfd, true);
  let data = 8;
  grey.forEach((page, index) => {
    const length = page.width * page.height;
    out.fill(page.value, data, data + length);
    let at = firstIfd + index * ifdLength;
    view.setUint16(at, entries, true);
    at += 2;
    const SHORT = 3;
    const LONG = 4;
    for (const [tag, type, value] of [
      [256, LONG, page.width],
      [257, LONG, page.height],
      [258, SHORT, 8],
      [259, SHORT, 1],
      [262, SHORT, 1],
      [273, LONG, data],
      [277, SHORT, 1],
      [278, LONG, page.height],
      [279, LONG, length],
    ] as const) {
      view.setUint16(at, tag, true);
      view.setUint16(at + 2, type, true);
      view.setUint32(at + 4, 1, true);
      if (type === SHORT) view.setUint16(at + 8, value, true);
      else view.setUint32(at + 8, value, true);
      at += 12;
    }
    view.setUint32(at, index + 1 < grey.length ? at + 4 : 0, true);
    data += length;
  });
  return out;
}

/** The red channel of one pixel. */
const red = (image: ImageData, x: number, y: number) => image.data[(y * image.width + x) * 4];

describe('readTiff', () => {
  it.each(['grey', 'bilevel'] as const)(
    'reads a %s multi-page TIFF: its page count and sizes at once, each page on demand',
    (mode) => {
      const tiff = readTiff(simulatorTiff(mode));
      expect(tiff.sizes).toEqual([
        { width: 300, height: 400 },
        { width: 320, height: 420 },
        { width: 400, height: 250 },
      ]);
      const second = tiff.decode(1);
      expect([second.width, second.height]).toEqual([320, 420]);
      expect(second.data).toHaveLength(320 * 420 * 4);
      expect(red(second, 220, 320)).toBeLessThan(64); // inside its square
      expect(red(second, 40, 50)).toBeGreaterThan(192); // where the first page has its square
      expect(red(tiff.decode(0), 40, 50)).toBeLessThan(64);
    },
  );

  it('decodes a page again after it was dropped (an evicted page drawn once more)', () => {
    const tiff = readTiff(simulatorTiff('grey'));
    const once = tiff.decode(2);
    const twice = tiff.decode(2);
    expect(twice.data.length).toBe(once.data.length);
    expect(twice.data.every((value, i) => value === once.data[i])).toBe(true);
  });

  it('reads a little-endian TIFF with its directories at the end', () => {
    const tiff = readTiff(
      littleEndianTiff([
        { width: 30, height: 20, value: 10 },
        { width: 16, height: 24, value: 240 },
      ]),
    );
    expect(tiff.sizes).toEqual([
      { width: 30, height: 20 },
      { width: 16, height: 24 },
    ]);
    expect(red(tiff.decode(0), 5, 5)).toBe(10);
    expect(red(tiff.decode(1), 5, 5)).toBe(240);
  });

  it('reads bytes that are a view into a larger buffer', () => {
    const file = simulatorTiff('grey');
    const larger = new Uint8Array(file.length + 100);
    larger.set(file, 50);
    expect(readTiff(larger.subarray(50, 50 + file.length)).sizes).toHaveLength(3);
  });

  it('refuses a page it does not have', () => {
    expect(() => readTiff(simulatorTiff('grey')).decode(3)).toThrow('Pas de page 4');
  });
});

describe('readTiff on a damaged file', () => {
  // Every cut of the file must be refused when it is opened: the viewer then says the image is
  // damaged (viewer-errors.ts), rather than showing blank or half pages.
  // The last page's strip ends the file, but for a padding byte when its length is odd.
  const cuts = (length: number) => [8, 40, 120, Math.floor(length / 2), length - 300, length - 2];

  it.each(['grey', 'bilevel'] as const)(
    'refuses a truncated %s TIFF, wherever it is cut',
    (mode) => {
      const file = simulatorTiff(mode);
      for (const cut of cuts(file.length))
        expect(() => readTiff(file.subarray(0, cut)), `coupé à ${cut} octets`).toThrow();
    },
  );

  it('refuses a truncated TIFF whose directories come last', () => {
    const file = littleEndianTiff([
      { width: 30, height: 20, value: 10 },
      { width: 16, height: 24, value: 240 },
    ]);
    for (const cut of [8, 300, file.length - 120, file.length - 1])
      expect(() => readTiff(file.subarray(0, cut)), `coupé à ${cut} octets`).toThrow();
  });

  it('refuses a chain of directories that loops back, rather than reading it forever', () => {
    const file = littleEndianTiff([{ width: 30, height: 20, value: 10 }]);
    const view = new DataView(file.buffer);
    view.setUint32(file.length - 4, view.getUint32(4, true), true);
    expect(() => readTiff(file)).toThrow('TIFF tronqué');
  });

  it('refuses a file with a TIFF signature and nothing after it', () => {
    expect(() => readTiff(new Uint8Array([0x4d, 0x4d, 0x00, 0x2a]))).toThrow();
    expect(() => readTiff(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))).toThrow();
  });
});

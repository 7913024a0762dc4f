import bmp from 'bmp-js';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import UTIF from 'utif2';
import { deflateSync } from 'node:zlib';
import type { Raster } from './raster';

export function encodeJpeg(raster: Raster, quality: number): Uint8Array {
  return jpeg.encode({ data: raster.rgba(), width: raster.width, height: raster.height }, quality)
    .data;
}

/** Grey (as most scanners save documents) or colour. */
export function encodePng(raster: Raster, colour: boolean): Uint8Array {
  const png = new PNG({ width: raster.width, height: raster.height });
  png.data = Buffer.from(raster.rgba());
  // One filter for every row (« Sub », good on scanned text) rather than pngjs trying all five per row.
  return PNG.sync.write(png, { colorType: colour ? 2 : 0, inputHasAlpha: true, filterType: 1 });
}

/**
 * 24-bit BMP through bmp-js. bmp-js pads rows right only when the width is a multiple of 4, so
 * the picture is cropped to such a width (at most 3 columns lost).
 */
export function encodeBmp(raster: Raster): Uint8Array {
  const width = raster.width - (raster.width % 4);
  const abgr = Buffer.alloc(width * raster.height * 4);
  for (let y = 0; y < raster.height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const from = (y * raster.width + x) * 3;
      const to = (y * width + x) * 4;
      abgr[to] = 255;
      abgr[to + 1] = raster.data[from + 2] ?? 0;
      abgr[to + 2] = raster.data[from + 1] ?? 0;
      abgr[to + 3] = raster.data[from] ?? 0;
    }
  return bmp.encode({ data: abgr, width, height: raster.height }).data;
}

/** Grey pages compressed with Deflate, or black-and-white pages as a fax machine stores them. */
export type TiffMode = 'grey' | 'bilevel';

function bilevel(raster: Raster, threshold: number): Uint8Array {
  const grey = raster.grey();
  const rowBytes = Math.ceil(raster.width / 8);
  const out = new Uint8Array(rowBytes * raster.height);
  for (let y = 0; y < raster.height; y += 1)
    for (let x = 0; x < raster.width; x += 1)
      // WhiteIsZero: a set bit is black ink.
      if ((grey[y * raster.width + x] ?? 255) < threshold)
        out[y * rowBytes + (x >> 3)] = (out[y * rowBytes + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
  return out;
}

/**
 * A multi-page TIFF: utif2 writes the directories (tags in ascending order, as TIFF requires), the
 * strips follow them. Written twice: the first pass tells where the directories end, hence where
 * the strips go.
 */
export function encodeTiff(
  pages: readonly Raster[],
  mode: TiffMode,
  options: { dpi: number; software: string; dateTime: string },
): Uint8Array {
  const strips = pages.map((page) =>
    mode === 'grey' ? deflateSync(page.grey(), { level: 3 }) : bilevel(page, 150),
  );
  const directories = (offsets: readonly number[]) =>
    pages.map((page, index) => ({
      t254: [0],
      t256: [page.width],
      t257: [page.height],
      t258: [mode === 'grey' ? 8 : 1],
      t259: [mode === 'grey' ? 8 : 1],
      t262: [mode === 'grey' ? 1 : 0],
      t273: [offsets[index] ?? 0],
      t277: [1],
      t278: [page.height],
      t279: [strips[index]?.length ?? 0],
      t282: [[options.dpi, 1]],
      t283: [[options.dpi, 1]],
      t296: [2],
      t305: [options.software],
      t306: [options.dateTime],
    })) as unknown as UTIF.IFD[];
  const headerLength = UTIF.encode(directories(pages.map(() => 0))).byteLength;
  const offsets: number[] = [];
  let end = headerLength + (headerLength % 2);
  for (const strip of strips) {
    offsets.push(end);
    end += strip.length + (strip.length % 2);
  }
  const header = new Uint8Array(UTIF.encode(directories(offsets)));
  const out = new Uint8Array(end);
  out.set(header);
  strips.forEach((strip, index) => out.set(strip, offsets[index] ?? 0));
  return out;
}

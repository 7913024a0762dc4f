import jpeg from 'jpeg-js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { crc32, deflateSync } from 'node:zlib';

/**
 * Small real files for the upload tests, built with the same libraries as the simulator or by
 * hand where a library cannot write the case (interlaced PNG, multi-page TIFF, RLE BMP).
 */

/** A grey page with dark bars, as RGBA. */
export function rgbaPage(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const ink = y % 12 < 4 && x > 8 && x < width - 8;
      const i = (y * width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = ink ? 40 : 235;
      data[i + 3] = 255;
    }
  return data;
}

export async function pdfWithPages(pages: number): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pages; page += 1)
    document.addPage([595, 842]).drawText(`Page ${page}`, { x: 50, y: 780, size: 14, font });
  return document.save({ addDefaultPage: false });
}

/**
 * A minimal PDF whose trailer names an /Encrypt dictionary (RC4 40 bits, as « Standard » security
 * writes it). `withObjectStream` adds a compressed object stream whose content, like any encrypted
 * stream, cannot be read without the key.
 */
export function encryptedPdf(withObjectStream = false): Uint8Array {
  const scrambled = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 151 + 7) % 256));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    '<< /Filter /Standard /V 1 /R 2 /O <' +
      '00'.repeat(32) +
      '> /U <' +
      '11'.repeat(32) +
      '> /P -44 >>',
    ...(withObjectStream
      ? [
          `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${scrambled.length} >>\nstream\n${scrambled.toString('latin1')}\nendstream`,
        ]
      : []),
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

export function jpegFile(width = 320, height = 240): Uint8Array {
  return jpeg.encode({ data: rgbaPage(width, height), width, height }, 80).data;
}

export function pngFile(width = 320, height = 240): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgbaPage(width, height));
  return PNG.sync.write(png);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG assembled by hand from its IHDR fields and its raw (filtered) scanlines. */
export function handmadePng(options: {
  width: number;
  height: number;
  depth: number;
  colourType: number;
  interlace?: 0 | 1;
  scanlines: Uint8Array;
  palette?: Uint8Array;
}): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(options.width, 0);
  header.writeUInt32BE(options.height, 4);
  header.set([options.depth, options.colourType, 0, 0, options.interlace ?? 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(options.palette ? [chunk('PLTE', options.palette)] : []),
    chunk('IDAT', deflateSync(options.scanlines)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Filter byte 0 then `rowBytes` bytes of `value`, for each of `rows` rows. */
export function plainScanlines(rowBytes: number, rows: number, value = 0x80): Uint8Array {
  const data = new Uint8Array((rowBytes + 1) * rows).fill(value);
  for (let row = 0; row < rows; row += 1) data[row * (rowBytes + 1)] = 0;
  return data;
}

export type TiffPage = {
  width: number;
  height: number;
  /** 8-bit grey pixels, row after row. */
  pixels: Uint8Array;
  compression?: 'none' | 'deflate' | 'packbits';
  thumbnail?: boolean;
};

function packBits(data: Uint8Array): Uint8Array {
  // Literal runs only: valid PackBits, enough to exercise the decoder.
  const out: number[] = [];
  for (let at = 0; at < data.length; at += 128) {
    const run = data.subarray(at, at + 128);
    out.push(run.length - 1, ...run);
  }
  return Uint8Array.from(out);
}

/** A little-endian TIFF with one grey 8-bit strip per page, pages chained in order. */
export function tiffFile(pages: readonly TiffPage[]): Uint8Array {
  const strips = pages.map((page) =>
    page.compression === 'deflate'
      ? deflateSync(page.pixels)
      : page.compression === 'packbits'
        ? packBits(page.pixels)
        : page.pixels,
  );
  const entries = 10;
  const directoryBytes = 2 + entries * 12 + 4;
  let at = 8;
  const directoryAt = pages.map(() => {
    const offset = at;
    at += directoryBytes;
    return offset;
  });
  const stripAt = strips.map((strip) => {
    const offset = at;
    at += strip.length + (strip.length % 2);
    return offset;
  });
  const out = Buffer.alloc(at);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(directoryAt[0] ?? 0, 4);
  pages.forEach((page, index) => {
    let p = directoryAt[index] ?? 0;
    out.writeUInt16LE(entries, p);
    p += 2;
    const compression =
      page.compression === 'deflate' ? 8 : page.compression === 'packbits' ? 32773 : 1;
    const tags: [number, number, number][] = [
      [254, 4, page.thumbnail ? 1 : 0],
      [256, 4, page.width],
      [257, 4, page.height],
      [258, 3, 8],
      [259, 3, compression],
      [262, 3, 1],
      [273, 4, stripAt[index] ?? 0],
      [277, 3, 1],
      [278, 4, page.height],
      [279, 4, strips[index]?.length ?? 0],
    ];
    for (const [tag, type, value] of tags) {
      out.writeUInt16LE(tag, p);
      out.writeUInt16LE(type, p + 2);
      out.writeUInt32LE(1, p + 4);
      if (type === 3) out.writeUInt16LE(value, p + 8);
      else out.writeUInt32LE(value, p + 8);
      p += 12;
    }
    out.writeUInt32LE(directoryAt[index + 1] ?? 0, p);
    out.set(strips[index] ?? [], stripAt[index] ?? 0);
  });
  return out;
}

export function greyPixels(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 7) % 251;
  return pixels;
}

/** A BMP with a BITMAPINFOHEADER; `pixelData` is written as given (rows, RLE…). */
export function handmadeBmp(options: {
  width: number;
  height: number;
  bitsPerPixel: number;
  compression?: number;
  palette?: number;
  pixelData: Uint8Array;
}): Uint8Array {
  const paletteBytes = (options.palette ?? 0) * 4;
  const offset = 14 + 40 + paletteBytes;
  const out = Buffer.alloc(offset + options.pixelData.length);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(options.width, 18);
  out.writeInt32LE(options.height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(options.bitsPerPixel, 28);
  out.writeUInt32LE(options.compression ?? 0, 30);
  out.writeUInt32LE(options.pixelData.length, 34);
  out.writeUInt32LE(options.palette ?? 0, 46);
  for (let i = 0; i < (options.palette ?? 0); i += 1) out.fill(i, 54 + i * 4, 54 + i * 4 + 3);
  out.set(options.pixelData, offset);
  return out;
}

/** A 24-bit bottom-up BMP of a grey page. */
export function bmpFile(width = 64, height = 48): Uint8Array {
  const rowBytes = Math.floor((24 * width + 31) / 32) * 4;
  return handmadeBmp({
    width,
    height,
    bitsPerPixel: 24,
    pixelData: new Uint8Array(rowBytes * height).fill(200),
  });
}

/** GIF89a, 1×1: a real image in a format the procedure refuses. */
export const GIF = Uint8Array.from(
  Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
);

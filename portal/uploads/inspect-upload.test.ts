import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../shared/documents/file-rules';
import { inspectUpload } from './inspect-upload';
import {
  bmpFile,
  encryptedPdf,
  GIF,
  greyPixels,
  handmadeBmp,
  handmadePng,
  jpegFile,
  pdfWithPages,
  plainScanlines,
  pngFile,
  tiffFile,
} from './testing/samples';

async function refusal(bytes: Uint8Array, name: string) {
  const result = await inspectUpload(bytes, name);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.error;
}

async function accepted(bytes: Uint8Array, name: string) {
  const result = await inspectUpload(bytes, name);
  if (!result.ok) throw new Error(`${name} was refused: ${result.error.message}`);
  return result.value;
}

/** A copy with `count` bytes at `at` replaced. */
function patched(bytes: Uint8Array, at: number, values: number[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy.set(values, at);
  return copy;
}

describe('inspectUpload: shared file rules on the detected type', () => {
  it('refuses an empty file', async () => {
    expect(await refusal(new Uint8Array(), 'vide.pdf')).toEqual({
      code: 'file_empty',
      message: 'Le fichier « vide.pdf » est vide.',
    });
  });

  it('refuses a file over 10 Mo, whatever it holds', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(await pdfWithPages(1));
    expect((await refusal(big, 'gros.pdf')).code).toBe('file_too_large');
  });

  it('reads the type from the bytes: a PDF named .jpg is a PDF, a GIF named .png is refused', async () => {
    expect(await accepted(await pdfWithPages(2), 'scan.jpg')).toEqual({
      mime: 'application/pdf',
      pages: 2,
    });
    expect(await refusal(GIF, 'photo.png')).toEqual({
      code: 'file_format',
      message:
        "Le fichier « photo.png » n'est pas dans un format accepté (JPG, PNG, PDF, TIFF, BMP).",
    });
    expect((await refusal(new TextEncoder().encode('Bonjour'), 'lettre.pdf')).code).toBe(
      'file_format',
    );
  });
});

describe('inspectUpload: PDF', () => {
  it('accepts a PDF and counts its pages', async () => {
    expect(await accepted(await pdfWithPages(3), 'acte.pdf')).toEqual({
      mime: 'application/pdf',
      pages: 3,
    });
  });

  it('refuses a truncated PDF and garbage behind a PDF header', async () => {
    const pdf = await pdfWithPages(3);
    const truncated = pdf.subarray(0, Math.floor(pdf.length * 0.6));
    expect(await refusal(truncated, 'passeport.pdf')).toEqual({
      code: 'pdf_unreadable',
      message: 'Le fichier « passeport.pdf » est illisible (document PDF incomplet ou endommagé).',
    });
    const garbage = new Uint8Array(4000).map((_, i) => (i * 7919) % 256);
    garbage.set(new TextEncoder().encode('%PDF-1.7\n'));
    expect((await refusal(garbage, 'x.pdf')).code).toBe('pdf_unreadable');
  });

  it('refuses an encrypted PDF, also when its object streams cannot be parsed', async () => {
    expect(await refusal(encryptedPdf(), 'passeport.pdf')).toEqual({
      code: 'pdf_encrypted',
      message:
        'Le fichier « passeport.pdf » est protégé par un mot de passe : déposez une version sans protection.',
    });
    expect((await refusal(encryptedPdf(true), 'passeport.pdf')).code).toBe('pdf_encrypted');
  });

  it('refuses a PDF without a page', async () => {
    const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
    expect(await refusal(empty, 'vide.pdf')).toEqual({
      code: 'pdf_no_page',
      message: 'Le fichier « vide.pdf » ne contient aucune page.',
    });
  });
});

describe('inspectUpload: JPEG', () => {
  it('accepts a JPEG', async () => {
    expect(await accepted(jpegFile(), 'photo.jpg')).toEqual({ mime: 'image/jpeg', pages: null });
  });

  it('refuses a truncated JPEG', async () => {
    const image = jpegFile();
    for (const keep of [0.95, 0.5, 0.1]) {
      expect(
        await refusal(image.subarray(0, Math.floor(image.length * keep)), 'photo.jpg'),
      ).toEqual({
        code: 'image_unreadable',
        message: 'Le fichier « photo.jpg » est illisible (image incomplète ou endommagée).',
      });
    }
  });

  it('refuses a JPEG whose segment lengths run off the file', async () => {
    const image = jpegFile();
    const sof = image.findIndex((byte, i) => byte === 0xff && image[i + 1] === 0xc0);
    expect((await refusal(patched(image, sof + 2, [0xff, 0xf0]), 'photo.jpg')).code).toBe(
      'image_unreadable',
    );
  });

  it('refuses variants no screen displays, and huge dimensions before decoding', async () => {
    const image = jpegFile();
    const sof = image.findIndex((byte, i) => byte === 0xff && image[i + 1] === 0xc0);
    const arithmetic = await refusal(patched(image, sof + 1, [0xc9]), 'photo.jpg');
    expect(arithmetic.code).toBe('image_unsupported');
    expect(arithmetic.message).toContain('codage arithmétique');
    // 60 000 × 60 000 pixels declared in the frame header of a 20 kB file.
    const huge = await refusal(patched(image, sof + 5, [0xea, 0x60, 0xea, 0x60]), 'photo.jpg');
    expect(huge).toEqual({
      code: 'image_too_large',
      message:
        'Le fichier « photo.jpg » est une image trop grande (3\u202f600 millions de pixels, 100 au maximum) : réduisez sa définition avant de la déposer.',
    });
  });
});

describe('inspectUpload: PNG', () => {
  it('accepts PNGs: RGBA, grey 16 bits, palette, interlaced', async () => {
    expect(await accepted(pngFile(), 'scan.png')).toEqual({ mime: 'image/png', pages: null });
    const grey16 = handmadePng({
      width: 30,
      height: 20,
      depth: 16,
      colourType: 0,
      scanlines: plainScanlines(60, 20),
    });
    expect((await accepted(grey16, 'grey.png')).mime).toBe('image/png');
    const palette = handmadePng({
      width: 9,
      height: 5,
      depth: 4,
      colourType: 3,
      palette: new Uint8Array(48).fill(90),
      scanlines: plainScanlines(5, 5, 0x12),
    });
    expect((await accepted(palette, 'palette.png')).mime).toBe('image/png');
    // Adam7 rows of an 8-bit grey 10×10 image: passes of 2,1,1,2,2,3,5 columns × 2,2,1,3,2,5,5 rows… computed.
    const passes = [
      [2, 2],
      [1, 2],
      [3, 1],
      [2, 3],
      [5, 2],
      [5, 5],
      [10, 5],
    ];
    const interlaced = Buffer.concat(
      passes.map(([columns = 0, rows = 0]) => plainScanlines(columns, rows)),
    );
    expect(
      (
        await accepted(
          handmadePng({
            width: 10,
            height: 10,
            depth: 8,
            colourType: 0,
            interlace: 1,
            scanlines: interlaced,
          }),
          'entrelace.png',
        )
      ).mime,
    ).toBe('image/png');
  });

  it('refuses a corrupted, a truncated or a short PNG', async () => {
    const image = pngFile();
    const idat = Buffer.from(image).indexOf('IDAT');
    expect((await refusal(patched(image, idat + 30, [0x00, 0x11, 0x22]), 'a.png')).code).toBe(
      'image_unreadable',
    );
    expect((await refusal(image.subarray(0, image.length - 20), 'a.png')).code).toBe(
      'image_unreadable',
    );
    // Valid chunks and CRCs, but image data for 19 rows of the 20 announced.
    const short = handmadePng({
      width: 30,
      height: 20,
      depth: 8,
      colourType: 0,
      scanlines: plainScanlines(30, 19),
    });
    expect((await refusal(short, 'court.png')).code).toBe('image_unreadable');
    const badFilter = plainScanlines(30, 20);
    badFilter[31 * 4] = 9;
    expect(
      (
        await refusal(
          handmadePng({ width: 30, height: 20, depth: 8, colourType: 0, scanlines: badFilter }),
          'filtre.png',
        )
      ).code,
    ).toBe('image_unreadable');
    const noPalette = handmadePng({
      width: 9,
      height: 5,
      depth: 4,
      colourType: 3,
      scanlines: plainScanlines(5, 5),
    });
    expect((await refusal(noPalette, 'p.png')).code).toBe('image_unreadable');
  });

  it('checks a 100-megapixel page in constant memory and refuses more', async () => {
    // A blank 10 000 × 10 000 grey page: 100 MB of rows, about 100 kB once compressed.
    const blank = handmadePng({
      width: 10_000,
      height: 10_000,
      depth: 8,
      colourType: 0,
      scanlines: plainScanlines(10_000, 10_000, 0),
    });
    expect(blank.length).toBeLessThan(1_000_000);
    expect((await accepted(blank, 'blanc.png')).mime).toBe('image/png');
    const tooLarge = handmadePng({
      width: 10_001,
      height: 10_000,
      depth: 1,
      colourType: 0,
      scanlines: plainScanlines(1, 1),
    });
    expect((await refusal(tooLarge, 'enorme.png')).code).toBe('image_too_large');
  });
});

describe('inspectUpload: TIFF', () => {
  const page = (extra: Partial<Parameters<typeof tiffFile>[0][number]> = {}) => ({
    width: 40,
    height: 30,
    pixels: greyPixels(40, 30),
    ...extra,
  });

  it('accepts a multi-page TIFF, each compression, and counts pages without thumbnails', async () => {
    const tiff = tiffFile([
      page(),
      page({ compression: 'deflate' }),
      page({ compression: 'packbits' }),
      page({ thumbnail: true, width: 4, height: 3, pixels: greyPixels(4, 3) }),
    ]);
    expect(await accepted(tiff, 'scan.tif')).toEqual({ mime: 'image/tiff', pages: 3 });
  });

  it('refuses a truncated TIFF, naming the page', async () => {
    const tiff = tiffFile([page(), page()]);
    expect(await refusal(tiff.subarray(0, tiff.length - 10), 'scan.tiff')).toEqual({
      code: 'image_unreadable',
      message: 'Le fichier « scan.tiff » est illisible : la page 2 est incomplète ou endommagée.',
    });
  });

  it('refuses corrupted compressed data', async () => {
    const tiff = tiffFile([page({ compression: 'deflate' })]);
    const strip = 8 + 2 + 10 * 12 + 4;
    const broken = patched(tiff, strip + 2, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect((await refusal(broken, 'scan.tif')).code).toBe('image_unreadable');
  });

  it('refuses a TIFF without a readable page, a loop of directories, and unknown compressions', async () => {
    const onlyThumbnail = tiffFile([page({ thumbnail: true })]);
    expect(await refusal(onlyThumbnail, 'vide.tif')).toEqual({
      code: 'image_unreadable',
      message: 'Le fichier « vide.tif » ne contient aucune page lisible.',
    });
    const tiff = tiffFile([page()]);
    const nextDirectory = 8 + 2 + 10 * 12;
    expect((await refusal(patched(tiff, nextDirectory, [8, 0, 0, 0]), 'boucle.tif')).code).toBe(
      'image_unreadable',
    );
    const compressionValue = 8 + 2 + 4 * 12 + 8;
    const jpeg2000 = await refusal(patched(tiff, compressionValue, [0x98, 0x87]), 'j2k.tif');
    expect(jpeg2000.code).toBe('image_unsupported');
    expect(jpeg2000.message).toContain('JPEG 2000');
    const bigTiff = patched(tiff, 2, [43, 0]);
    expect((await refusal(bigTiff, 'big.tif')).code).toBe('image_unsupported');
  });
});

describe('inspectUpload: BMP', () => {
  it('accepts BMPs: 24 bits with padded rows, 8-bit palette, RLE8', async () => {
    expect(await accepted(bmpFile(), 'scan.bmp')).toEqual({ mime: 'image/bmp', pages: null });
    expect((await accepted(bmpFile(33, 7), 'impair.bmp')).mime).toBe('image/bmp');
    const palette = handmadeBmp({
      width: 6,
      height: 2,
      bitsPerPixel: 8,
      palette: 256,
      pixelData: new Uint8Array(16),
    });
    expect((await accepted(palette, 'palette.bmp')).mime).toBe('image/bmp');
    // Two rows of 6 pixels: run of 6, end of line, run of 6, end of bitmap.
    const rle = handmadeBmp({
      width: 6,
      height: 2,
      bitsPerPixel: 8,
      compression: 1,
      palette: 256,
      pixelData: Uint8Array.from([6, 1, 0, 0, 6, 2, 0, 1]),
    });
    expect((await accepted(rle, 'rle.bmp')).mime).toBe('image/bmp');
  });

  it('refuses a bad header, missing rows, an unfinished RLE bitmap and huge dimensions', async () => {
    const image = bmpFile();
    expect(await refusal(patched(image, 14, [99]), 'scan.bmp')).toEqual({
      code: 'image_unreadable',
      message: 'Le fichier « scan.bmp » est illisible (image incomplète ou endommagée).',
    });
    expect((await refusal(patched(image, 26, [2]), 'plans.bmp')).code).toBe('image_unreadable');
    expect((await refusal(image.subarray(0, image.length - 100), 'court.bmp')).code).toBe(
      'image_unreadable',
    );
    const unfinished = handmadeBmp({
      width: 6,
      height: 3,
      bitsPerPixel: 8,
      compression: 1,
      palette: 256,
      pixelData: Uint8Array.from([6, 1, 0, 0, 0, 5, 1, 2]),
    });
    expect((await refusal(unfinished, 'rle.bmp')).code).toBe('image_unreadable');
    const huge = patched(image, 18, [0x10, 0x27, 0, 0, 0x11, 0x27, 0, 0]);
    expect((await refusal(huge, 'enorme.bmp')).code).toBe('image_too_large');
  });
});

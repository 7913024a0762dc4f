import type { IsoDate } from '../../shared/dates/calendar-date';
import type { AcceptedMime } from '../../shared/documents/file-rules';
import type { Rng } from '../random';
import type { DocumentSpec } from './documents/common';
import { encodeBmp, encodeJpeg, encodePng, encodeTiff } from './encode';
import type { Rgb } from './page';
import { quarterTurn, type Raster } from './raster';
import { renderImagePdf, renderVectorPdf, type ScanLook } from './render-pdf';
import { photoOf, rasterize, scanOf } from './render-raster';

/**
 * How a person turned the paper into a file: scanned to PDF (drawn, or as pictures), downloaded
 * the supplier's PDF, photographed it with a phone, or scanned it to JPEG, PNG, TIFF (grey, or
 * black and white like a fax) or BMP.
 */
export const FILE_FORMATS = [
  'pdf-scan',
  'pdf-digital',
  'pdf-image',
  'jpeg-photo',
  'jpeg-scan',
  'png-scan',
  'tiff-grey',
  'tiff-bilevel',
  'bmp-scan',
] as const;

export type FileFormat = (typeof FILE_FORMATS)[number];

export type GeneratedFile = {
  name: string;
  /** What inspectUpload will read from the bytes. */
  mime: AcceptedMime;
  bytes: Uint8Array;
  /** PDF and TIFF pages; null for a single picture. */
  pages: number | null;
};

/** Formats that hold several pages in one file; the others give one file per page. */
export function isMultiPage(format: FileFormat): boolean {
  return format.startsWith('pdf') || format.startsWith('tiff');
}

const BEDS: readonly Rgb[] = [
  [214, 214, 212],
  [190, 192, 194],
  [232, 230, 226],
  [60, 60, 62],
];
const TABLES: readonly Rgb[] = [
  [146, 108, 74],
  [118, 118, 124],
  [222, 218, 210],
  [72, 90, 118],
  [168, 140, 110],
];

function pdfScanLook(rng: Rng): ScanLook {
  return {
    rotation: rng.float(-1.3, 1.3),
    bed: rng.pick(BEDS),
    speckles: rng.int(40, 260),
    shadowEdge: rng.pick(['left', 'right', 'top', 'none'] as const),
  };
}

function scanned(page: Raster, rng: Rng): Raster {
  return scanOf(
    page,
    {
      kind: 'scan',
      rotation: rng.float(-1.5, 1.5),
      bed: rng.pick(BEDS),
      speckles: rng.int(30, 200),
      noise: rng.float(0, 2.5),
    },
    rng,
  );
}

function photographed(page: Raster, rng: Rng): Raster {
  const shot = photoOf(
    page,
    {
      kind: 'photo',
      rotation: rng.chance(0.3) ? rng.float(-8, 8) : rng.float(-2.5, 2.5),
      table: rng.pick(TABLES),
      margin: rng.float(0.04, 0.12),
      light: [rng.float(0, 1), rng.float(0, 1)],
      falloff: rng.float(0.12, 0.38),
      tint: rng.pick<Rgb>([
        [255, 246, 228],
        [238, 242, 255],
        [255, 255, 255],
      ]),
      noise: rng.float(2, 4),
    },
    rng,
  );
  // A phone held sideways stores the page turned a quarter (no orientation flag here).
  return rng.chance(0.15) ? quarterTurn(shot) : shot;
}

/** A page at `dpi`, or only its focus (a card on the sheet) when the document has one and it is wanted. */
function picture(spec: DocumentSpec, index: number, dpi: number, useFocus: boolean): Raster {
  const page = spec.pages[index];
  if (!page) throw new RangeError(`No page ${index} in ${spec.name}`);
  return rasterize(page, dpi, useFocus && spec.focus ? spec.focus : undefined);
}

function stamp(date: IsoDate, rng: Rng): string {
  return `${date.replace(/-/g, '')}_${String(rng.int(8, 20)).padStart(2, '0')}${String(rng.int(0, 59)).padStart(2, '0')}${String(rng.int(0, 59)).padStart(2, '0')}`;
}

/**
 * Renders a document in a format. Single-picture formats give one file per page, named « -1 »,
 * « -2 »…; `baseName` replaces the document's own name (« IMG_20230812_104512 »).
 */
export async function renderDocument(
  spec: DocumentSpec,
  format: FileFormat,
  rng: Rng,
  options: { date: IsoDate; baseName?: string },
): Promise<GeneratedFile[]> {
  const base = options.baseName ?? spec.name;
  const metadata = {
    title: spec.name,
    creator: rng.pick(['Scan', 'Numérisation', 'HP Scan', 'Canon IJ Scan Utility', 'Epson Scan 2']),
    producer: rng.pick(['Simulateur Instructeur (pdf-lib)', 'Simulateur Instructeur']),
    date: new Date(
      `${options.date}T${String(rng.int(8, 19)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`,
    ),
  };
  const count = spec.pages.length;
  const indexes = spec.pages.map((_, index) => index);
  const nameOf = (index: number, extension: string) =>
    count === 1 ? `${base}.${extension}` : `${base}-${index + 1}.${extension}`;

  switch (format) {
    case 'pdf-scan':
    case 'pdf-digital': {
      const look = format === 'pdf-scan' ? pdfScanLook(rng) : null;
      const bytes = await renderVectorPdf(spec.pages, look, rng, metadata);
      return [{ name: `${base}.pdf`, mime: 'application/pdf', bytes, pages: count }];
    }
    case 'pdf-image': {
      const pages = indexes.map((index) => {
        const page = spec.pages[index] ?? { width: 210, height: 297 };
        return {
          jpeg: encodeJpeg(scanned(picture(spec, index, 90, false), rng), 62),
          width: page.width,
          height: page.height,
        };
      });
      const bytes = await renderImagePdf(pages, metadata);
      return [{ name: `${base}.pdf`, mime: 'application/pdf', bytes, pages: count }];
    }
    case 'jpeg-photo':
      return indexes.map((index) => ({
        name: nameOf(index, 'jpg'),
        mime: 'image/jpeg',
        bytes: encodeJpeg(
          photographed(picture(spec, index, spec.focus ? 150 : 76, true), rng),
          rng.int(72, 88),
        ),
        pages: null,
      }));
    case 'jpeg-scan':
      return indexes.map((index) => ({
        name: nameOf(index, rng.chance(0.3) ? 'jpeg' : 'jpg'),
        mime: 'image/jpeg',
        bytes: encodeJpeg(scanned(picture(spec, index, 90, false), rng), rng.int(70, 85)),
        pages: null,
      }));
    case 'png-scan':
      return indexes.map((index) => ({
        name: nameOf(index, 'png'),
        mime: 'image/png',
        bytes: encodePng(
          scanned(picture(spec, index, spec.focus ? 130 : 90, Boolean(spec.focus)), rng),
          Boolean(spec.focus),
        ),
        pages: null,
      }));
    case 'tiff-grey':
    case 'tiff-bilevel': {
      const grey = format === 'tiff-grey';
      const dpi = grey ? 100 : 150;
      const pages = indexes.map((index) => {
        const page = picture(spec, index, dpi, false);
        return grey ? scanned(page, rng) : page;
      });
      const bytes = encodeTiff(pages, grey ? 'grey' : 'bilevel', {
        dpi,
        software: metadata.creator,
        dateTime: `${options.date.replace(/-/g, ':')} ${stamp(options.date, rng).slice(9, 11)}:00:00`,
      });
      return [
        {
          name: `${base}.${rng.chance(0.5) ? 'tif' : 'tiff'}`,
          mime: 'image/tiff',
          bytes,
          pages: count,
        },
      ];
    }
    case 'bmp-scan':
      return indexes.map((index) => ({
        name: nameOf(index, 'bmp'),
        mime: 'image/bmp',
        bytes: encodeBmp(
          scanned(picture(spec, index, spec.focus ? 120 : 72, Boolean(spec.focus)), rng),
        ),
        pages: null,
      }));
  }
}

/** A camera's or a scanner's own file name, for people who keep it. */
export function deviceFileName(format: FileFormat, date: IsoDate, rng: Rng): string {
  if (format === 'jpeg-photo')
    return rng.chance(0.5)
      ? `IMG_${stamp(date, rng)}`
      : `IMG-${date.replace(/-/g, '')}-WA${String(rng.int(0, 9999)).padStart(4, '0')}`;
  return rng.pick([
    `SCAN${String(rng.int(1, 999)).padStart(4, '0')}`,
    `Scan_${stamp(date, rng)}`,
    `numerisation_${String(rng.int(1, 99)).padStart(3, '0')}`,
  ]);
}

import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { inspectUpload } from '../../portal/uploads/inspect-upload';
import { MAX_FILE_BYTES } from '../../shared/documents/file-rules';
import { COUNTRIES } from '../dossier/countries';
import { foreignPerson, frenchPerson } from '../dossier/people';
import { COMMUNES, drawAddress } from '../dossier/places';
import { createRng } from '../random';
import { hotelAttestation, lease, utilityBill } from './documents/housing';
import { passport } from './documents/identity';
import { FILE_FORMATS, isMultiPage, renderDocument, type FileFormat } from './generate';
import { PageBuilder } from './page';

function first<T>(values: readonly T[]): T {
  const [value] = values;
  if (value === undefined) throw new Error('empty list');
  return value;
}

const rng = createRng('generate-test');
const country = first(COUNTRIES);
const person = foreignPerson(country, 'female', { from: '1990-01-01', to: '2000-12-31' }, rng);
const address = drawAddress(first(COMMUNES), rng);
const passportSpec = passport(
  person,
  country,
  { number: 'AB1234567', issuedOn: '2019-03-04', expiresOn: '2029-03-03' },
  '2022-05-06',
  rng,
);
const specs = {
  // A card-like document (photographed close), kept to its data page.
  passport: { ...passportSpec, pages: passportSpec.pages.slice(0, 1) },
  lease: lease(person, frenchPerson(rng), address, 540, '2023-01-15', rng),
  bill: utilityBill(person, address, 'electricity', '2023-08-16', rng),
};

const EXPECTED_MIME: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
};

describe('renderDocument', () => {
  it.each(FILE_FORMATS)(
    '%s: every file passes the portal upload check, pages counted',
    async (format: FileFormat) => {
      for (const spec of Object.values(specs)) {
        const files = await renderDocument(spec, format, createRng(`${format}/${spec.name}`), {
          date: '2023-08-16',
        });
        expect(files).toHaveLength(isMultiPage(format) ? 1 : spec.pages.length);
        for (const file of files) {
          expect(file.mime).toBe(EXPECTED_MIME[format.split('-')[0] ?? '']);
          expect(file.bytes.length).toBeLessThan(MAX_FILE_BYTES / 2);
          const inspected = await inspectUpload(file.bytes, file.name);
          expect(inspected).toEqual({
            ok: true,
            value: { mime: file.mime, pages: isMultiPage(format) ? spec.pages.length : null },
          });
          expect(file.pages).toBe(isMultiPage(format) ? spec.pages.length : null);
          expect(file.name).toMatch(/^[\w.-]+$/);
        }
      }
    },
  );

  it('gives the same bytes for the same seed, other bytes for another seed', async () => {
    const digest = async (seed: string, format: FileFormat) =>
      (await renderDocument(specs.bill, format, createRng(seed), { date: '2023-08-16' })).map(
        (file) => createHash('sha256').update(file.bytes).digest('hex'),
      );
    for (const format of ['pdf-scan', 'jpeg-photo', 'tiff-grey'] as const) {
      expect(await digest('same', format)).toEqual(await digest('same', format));
      expect(await digest('same', format)).not.toEqual(await digest('other', format));
    }
  });

  it('uses the device name it is given, numbering the pages', async () => {
    const files = await renderDocument(specs.lease, 'jpeg-photo', createRng('names'), {
      date: '2023-08-16',
      baseName: 'IMG_20230816_101010',
    });
    expect(files.map((file) => file.name)).toEqual([
      'IMG_20230816_101010-1.jpg',
      'IMG_20230816_101010-2.jpg',
      'IMG_20230816_101010-3.jpg',
    ]);
  });
});

/** The turns about the page's centre its content stream makes (the scanner's tilt), in degrees. */
function turnsAboutCentre(page: PDFPage): number[] {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const operators = streams
    .map((entry) => page.doc.context.lookup(entry))
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map((stream) => Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))
    .join('\n');
  const { width, height } = page.getSize();
  const [cx, cy] = [width / 2, height / 2];
  const near = (x: number, y: number) => Math.abs(x - y) < 0.01;
  return [...operators.matchAll(/(\S+) (\S+) (\S+) (\S+) (\S+) (\S+) cm\b/g)]
    .map((match) => match.slice(1).map(Number) as [number, number, number, number, number, number])
    .filter(
      ([a, b, c, d, e, f]) =>
        b !== 0 &&
        near(a, d) &&
        near(b, -c) &&
        near(a * a + b * b, 1) &&
        near(a * cx + c * cy + e, cx) &&
        near(b * cx + d * cy + f, cy),
    )
    .map(([a, b]) => (Math.atan2(b, a) * 180) / Math.PI);
}

describe('turned pages', () => {
  // A one-page A4 document, upright: what the renderers do to it shows in the files.
  const sheet = hotelAttestation(
    person,
    'Hôtel Exemple',
    frenchPerson(rng),
    address,
    '2023-01-02',
    '2023-08-16',
    rng,
  );
  const A4_POINTS = { width: 595.28, height: 841.89 };

  it('scans to PDF with the sheet a little askew about the page’s centre, the page itself upright A4', async () => {
    expect(sheet.pages.map((page) => [page.width, page.height])).toEqual([[210, 297]]);
    const angles: number[] = [];
    for (let seed = 0; seed < 8; seed += 1) {
      for (const format of ['pdf-scan', 'pdf-digital'] as const) {
        const [file] = await renderDocument(sheet, format, createRng(`askew-${seed}`), {
          date: '2023-08-16',
        });
        const [page, ...more] = (await PDFDocument.load(file!.bytes)).getPages();
        expect(more).toEqual([]);
        expect(page!.getRotation().angle).toBe(0);
        const size = page!.getSize();
        expect(size.width).toBeCloseTo(A4_POINTS.width, 1);
        expect(size.height).toBeCloseTo(A4_POINTS.height, 1);
        const turns = turnsAboutCentre(page!);
        // A supplier's PDF is drawn straight; a scan, once turned.
        if (format === 'pdf-digital') expect(turns).toEqual([]);
        else {
          expect(turns).toHaveLength(1);
          angles.push(turns[0]!);
        }
      }
    }
    for (const angle of angles) expect(Math.abs(angle)).toBeLessThanOrEqual(1.3);
    expect(angles.some((angle) => angle > 0) && angles.some((angle) => angle < 0)).toBe(true);
    expect(new Set(angles.map((angle) => angle.toFixed(3))).size).toBe(angles.length);
  }, 60_000);

  it('photographs some portrait pages sideways: a landscape picture of the whole page, turned a quarter', async () => {
    // A small upright page (A7) keeps thirty photographs cheap.
    const note = new PageBuilder(74, 105);
    note.text(8, 12, 'Reçu n° 0042 — EXEMPLE', { size: 9 });
    const card = { name: 'recu', pages: [note.build()], digital: false, focus: null };
    const shapes: ('portrait' | 'landscape')[] = [];
    for (let seed = 0; seed < 30; seed += 1) {
      const [file] = await renderDocument(card, 'jpeg-photo', createRng(`sideways-${seed}`), {
        date: '2023-08-16',
      });
      const { width, height } = jpeg.decode(file!.bytes, { useTArray: true });
      // The page's own proportions, the table's margins included: turned whole, never cropped.
      expect(Math.max(width, height) / Math.min(width, height)).toBeCloseTo(105 / 74, 1);
      shapes.push(width > height ? 'landscape' : 'portrait');
    }
    const sideways = shapes.filter((shape) => shape === 'landscape').length;
    // About 15 % of the pictures.
    expect(sideways).toBeGreaterThanOrEqual(1);
    expect(sideways).toBeLessThanOrEqual(12);
  }, 60_000);
});

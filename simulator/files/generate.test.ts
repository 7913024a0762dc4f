import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectUpload } from '../../portal/uploads/inspect-upload';
import { MAX_FILE_BYTES } from '../../shared/documents/file-rules';
import { COUNTRIES } from '../dossier/countries';
import { foreignPerson, frenchPerson } from '../dossier/people';
import { COMMUNES, drawAddress } from '../dossier/places';
import { createRng } from '../random';
import { lease, utilityBill } from './documents/housing';
import { passport } from './documents/identity';
import { FILE_FORMATS, isMultiPage, renderDocument, type FileFormat } from './generate';

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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectUpload } from '../../portal/uploads/inspect-upload';
import { addDays, type IsoDate } from '../../shared/dates/calendar-date';
import { requiredDocuments } from '../../shared/documents/requirements';
import { validateDossier } from '../../shared/dossier/validate';
import { PROCEDURES } from '../../shared/procedures/catalogue';
import type { FileDocumentKey } from '../../shared/procedures/documents';
import { isMultiPage } from '../files/generate';
import {
  dossierOf,
  fileRefOf,
  planApplicant,
  renderPieces,
  type FileRef,
  type PlannedDocument,
  type SimulatedApplicant,
} from './build';
import {
  AGE_CASES,
  COMPLAINT_CASES,
  COVERAGE,
  NATIONALITY_CASES,
  REPRESENTATIONS,
  RESIDENCE_CASES,
  type Situation,
} from './story';

const MIME_OF_FORMAT: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
};

/** References as the portal would give them, without drawing the files (fast). */
function plannedRefs(document: PlannedDocument): FileRef[] {
  return document.pieces.flatMap((piece) =>
    Array.from({ length: isMultiPage(piece.format) ? 1 : piece.spec.pages.length }, (_, page) => ({
      sha256: String(page).padStart(64, 'a'),
      name: `${piece.spec.name}-${page}.bin`,
      size: 12_345,
      mime: MIME_OF_FORMAT[piece.format.split('-')[0] ?? ''] ?? 'unknown',
    })),
  );
}

function plannedDossier(applicant: SimulatedApplicant) {
  const files = Object.fromEntries(
    applicant.documents.map((document) => [document.key, plannedRefs(document)]),
  );
  return dossierOf(applicant, '5908002010', files);
}

const FICTION =
  /EXEMPL|FICTI|SPECIMEN|TEST|DEMO|ESSAI|MODEL|SIMUL|FACTICE|COUPABLE|PREVENU|CONDAMNE/;

const asOfArbitrary = fc
  .integer({ min: 0, max: 365 * 8 })
  .map((days) => addDays('2022-01-01', days) as IsoDate);

describe('planApplicant and dossierOf', () => {
  it('build dossiers that shared validateDossier accepts, whatever the seed, index and day (200 runs)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\w-]{1,12}$/),
        fc.integer({ min: 0, max: 5000 }),
        asOfArbitrary,
        (seed, index, asOf) => {
          const applicant = planApplicant(seed, index, asOf);
          const result = validateDossier(plannedDossier(applicant), { asOf });
          if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
          const required = requiredDocuments(
            PROCEDURES['vpf-teh'],
            {
              birthDate: applicant.civilStatus.birthDate,
              emancipatedMinor: applicant.civilStatus.emancipatedMinor,
            },
            asOf,
          )
            .filter((document) => document.input === 'files')
            .map((document) => document.key);
          expect(applicant.documents.map((document) => document.key)).toEqual(required);
          for (const document of applicant.documents) {
            expect(plannedRefs(document).length).toBeGreaterThanOrEqual(1);
            expect(plannedRefs(document).length).toBeLessThanOrEqual(3);
          }
          expect(applicant.civilStatus.birthName).toMatch(FICTION);
          expect(applicant.account.email).toMatch(/@example\.com$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('meets every case of the catalogue in the first 12 applicants, and again among random ones', () => {
    const seen = (situations: readonly Situation[]) => ({
      age: new Set(situations.map((situation) => situation.age)),
      family: new Set(situations.map((situation) => situation.family)),
      children: new Set(situations.map((situation) => situation.children)),
      residence: new Set(situations.map((situation) => situation.residence)),
      complaint: new Set(situations.map((situation) => situation.complaint)),
      nationality: new Set(situations.map((situation) => situation.nationality)),
      departement: new Set(situations.map((situation) => situation.departement)),
      representation: new Set(
        situations
          .filter((situation) => situation.age === 'minor')
          .map((situation) => situation.representation),
      ),
    });
    const expected = {
      age: new Set(AGE_CASES),
      family: new Set(['single', 'cohabiting', 'divorced', 'married', 'pacsed']),
      children: new Set([true, false]),
      residence: new Set(RESIDENCE_CASES),
      complaint: new Set(COMPLAINT_CASES),
      nationality: new Set(NATIONALITY_CASES),
      departement: new Set(['59', '62', '75', '69', '13', '974', '2A']),
    };
    const first = seen(COVERAGE);
    expect(first).toMatchObject(expected);
    expect(first.representation.size).toBeGreaterThanOrEqual(4);
    const drawn = seen(
      Array.from(
        { length: 400 },
        (_, index) => planApplicant('coverage', 12 + index, '2023-08-16').story.situation,
      ),
    );
    expect(drawn).toMatchObject({ ...expected, representation: new Set(REPRESENTATIONS) });
    expect(planApplicant('x', 0, '2023-08-16').story.situation).toEqual(COVERAGE[0]);
  });

  it('tells the same story for the same seed and index, and another for another index', () => {
    const a = planApplicant('same', 3, '2023-08-16');
    const b = planApplicant('same', 3, '2023-08-16');
    expect(b.story).toEqual(a.story);
    expect(b.account).toEqual(a.account);
    expect(planApplicant('same', 4, '2023-08-16').account.email).not.toBe(a.account.email);
    // The account does not depend on the day, so a later run can log in again.
    expect(planApplicant('same', 3, '2024-02-01').account).toEqual(a.account);
  });

  it('keeps dates consistent: born, entered France, filed the complaint, applies', () => {
    for (let index = 0; index < 100; index += 1) {
      const { story } = planApplicant('dates', index, '2023-08-16');
      expect(story.applicant.birthDate < story.entryDate).toBe(true);
      expect(story.entryDate < story.complaint.filedOn).toBe(true);
      expect(story.complaint.filedOn < story.asOf).toBe(true);
      if (story.union) expect(story.union.on <= story.asOf).toBe(true);
    }
  });
});

describe('the coverage applicants, rendered', () => {
  const asOf = '2023-08-16';
  it.each(
    COVERAGE.map(
      (situation, index) =>
        [index, `${situation.age}, ${situation.residence}, ${situation.complaint}`] as const,
    ),
  )(
    'applicant %i (%s): every file passes the upload check, the dossier is valid',
    async (index) => {
      const applicant = planApplicant('render', index, asOf);
      const refs: Partial<Record<FileDocumentKey, FileRef[]>> = {};
      for (const document of applicant.documents) {
        const files = await renderPieces(applicant, document);
        expect(files.length).toBeGreaterThanOrEqual(1);
        expect(files.length).toBeLessThanOrEqual(3);
        expect(new Set(files.map((file) => file.name)).size).toBe(files.length);
        for (const file of files) {
          const inspected = await inspectUpload(file.bytes, file.name);
          expect(inspected).toEqual({ ok: true, value: { mime: file.mime, pages: file.pages } });
        }
        refs[document.key] = files.map(fileRefOf);
      }
      const result = validateDossier(dossierOf(applicant, '5908002010', refs), { asOf });
      expect(result.ok ? [] : result.errors).toEqual([]);
    },
  );

  it('renders the same bytes for the same seed', async () => {
    const digests = async () => {
      const applicant = planApplicant('bytes', 5, asOf);
      const all = [];
      for (const document of applicant.documents)
        all.push(
          ...(await renderPieces(applicant, document)).map((file) => fileRefOf(file).sha256),
        );
      return all;
    };
    expect(await digests()).toEqual(await digests());
  });
});

import { describe, expect, it } from 'vitest';
import { PROCEDURES } from '../procedures/catalogue';
import { requiredDocuments } from './requirements';

const teh = PROCEDURES['vpf-teh'];
const keys = (birthDate: string, emancipatedMinor: boolean, asOf: string) =>
  requiredDocuments(teh, { birthDate, emancipatedMinor }, asOf).map((document) => document.key);

const ADULT = ['photo', 'nationality', 'identity', 'residence', 'complaint'];
const MINOR = ['photo', 'nationality', 'identity', 'parental_consent', 'residence', 'complaint'];
const EMANCIPATED = ['photo', 'nationality', 'identity', 'emancipation', 'residence', 'complaint'];

describe('requiredDocuments', () => {
  it('asks an adult for the five common documents, in the form’s order', () => {
    expect(keys('1990-05-01', false, '2023-09-17')).toEqual(ADULT);
  });

  it('gives label, input kind and reason', () => {
    expect(
      requiredDocuments(teh, { birthDate: '2007-09-14', emancipatedMinor: false }, '2023-09-17'),
    ).toContainEqual({
      key: 'parental_consent',
      label: 'Accord du parent/représentant légal ou du mandataire',
      input: 'files',
      reason: 'Pièce demandée car le demandeur est mineur et non émancipé.',
    });
    expect(
      requiredDocuments(teh, { birthDate: '1990-05-01', emancipatedMinor: false }, '2023-09-17')[0],
    ).toEqual({
      key: 'photo',
      label: "Photographie d'identité récente",
      input: 'ephoto',
      reason: 'Pièce demandée pour toute demande.',
    });
  });

  it.each([
    ['the guide’s applicant, 16', '2007-09-14', false, '2023-09-17', MINOR],
    ['the same, emancipated', '2007-09-14', true, '2023-09-17', EMANCIPATED],
    ['the day before turning 18', '2005-09-17', false, '2023-09-16', MINOR],
    ['on the 18th birthday', '2005-09-17', false, '2023-09-17', ADULT],
    ['an adult with the emancipation flag left on', '2005-09-17', true, '2023-09-17', ADULT],
    ['born 29/02, on 28/02 of the common year of 18', '2008-02-29', false, '2026-02-28', MINOR],
    ['born 29/02, on 01/03 of the common year of 18', '2008-02-29', false, '2026-03-01', ADULT],
    ['born 29/02, 18 in a leap year', '2004-02-29', false, '2022-02-28', MINOR],
    ['born 29/02, 18 on 29/02', '2004-02-29', false, '2022-03-01', ADULT],
    ['15, flag set: emancipation starts at 16', '2008-09-18', true, '2023-09-17', MINOR],
    ['16 today, flag set', '2007-09-17', true, '2023-09-17', EMANCIPATED],
  ] as const)('%s', (_case, birthDate, emancipated, asOf, expected) => {
    expect(keys(birthDate, emancipated, asOf)).toEqual(expected);
  });

  it('asks each sibling motive for its own document', () => {
    const ase = requiredDocuments(
      PROCEDURES['vpf-ase'],
      { birthDate: '2004-01-01', emancipatedMinor: false },
      '2023-09-17',
    );
    expect(ase.map((document) => document.key)).toEqual([
      'photo',
      'nationality',
      'identity',
      'residence',
      'ase_placement',
    ]);
  });
});

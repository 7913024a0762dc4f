import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates/calendar-date';
import { formatApplicationNumber, parseApplicationNumber } from './application-number';
import { DEPARTEMENT_CODES, isOverseas } from './departement';

describe('parseApplicationNumber', () => {
  it('reads the guide’s numbers', () => {
    expect(parseApplicationNumber('5901202308160000181')).toEqual({
      ok: true,
      value: { departement: '59', office: 1, date: '2023-08-16', sequence: 181 },
    });
    expect(parseApplicationNumber('5901 2023 0917 0000212')).toMatchObject({
      ok: true,
      value: { date: '2023-09-17', sequence: 212 },
    });
  });

  it('reads overseas numbers with a one-digit office, and Corsica as 20', () => {
    expect(parseApplicationNumber('9741202402290000001')).toEqual({
      ok: true,
      value: { departement: '974', office: 1, date: '2024-02-29', sequence: 1 },
    });
    expect(parseApplicationNumber('2003202401010000042')).toMatchObject({
      ok: true,
      value: { departement: '20', office: 3 },
    });
  });

  it.each([
    ['590120230816000018', 'Le numéro de la demande doit comporter 19 chiffres.'],
    ['59012023081600001810', 'Le numéro de la demande doit comporter 19 chiffres.'],
    ['59O1202308160000181', 'Le numéro de la demande doit comporter 19 chiffres.'],
    ['', 'Le numéro de la demande est obligatoire.'],
    [
      '9901202308160000181',
      'Le numéro de la demande commence par un code de département inconnu (« 99 »).',
    ],
    [
      '0001202308160000181',
      'Le numéro de la demande commence par un code de département inconnu (« 00 »).',
    ],
    [
      '9791202308160000181',
      'Le numéro de la demande commence par un code de département inconnu (« 979 »).',
    ],
    [
      '5901202302290000181',
      'Le numéro de la demande contient une date de dépôt impossible (« 20230229 »).',
    ],
    [
      '5901202313010000181',
      'Le numéro de la demande contient une date de dépôt impossible (« 20231301 »).',
    ],
  ])('refuses %j', (input, message) => {
    expect(parseApplicationNumber(input)).toEqual({
      ok: false,
      error: { code: 'identifier_invalid', message },
    });
  });
});

describe('formatApplicationNumber', () => {
  it('builds the guide’s number', () => {
    expect(
      formatApplicationNumber({ departement: '59', office: 1, date: '2023-08-16', sequence: 181 }),
    ).toEqual({ ok: true, value: '5901202308160000181' });
  });

  it('writes Corsica as 20 and overseas with three digits', () => {
    expect(
      formatApplicationNumber({ departement: '2B', office: 12, date: '2024-01-02', sequence: 7 }),
    ).toEqual({
      ok: true,
      value: '2012202401020000007',
    });
    expect(
      formatApplicationNumber({
        departement: '976',
        office: 0,
        date: '2024-01-02',
        sequence: 9_999_999,
      }),
    ).toEqual({
      ok: true,
      value: '9760202401029999999',
    });
  });

  it.each([
    [{ departement: '59', office: 100, date: '2023-08-16', sequence: 1 }, 'entre 0 et 99'],
    [
      { departement: '974', office: 10, date: '2023-08-16', sequence: 1 },
      'entre 0 et 9 pour le département 974',
    ],
    [{ departement: '59', office: 1.5, date: '2023-08-16', sequence: 1 }, 'entre 0 et 99'],
    [
      { departement: '59', office: 1, date: '2023-02-29', sequence: 1 },
      'La date de dépôt « 2023-02-29 »',
    ],
    [
      { departement: '59', office: 1, date: '2023-08-16', sequence: 10_000_000 },
      'entre 0 et 9999999',
    ],
    [{ departement: '59', office: 1, date: '2023-08-16', sequence: -1 }, 'entre 0 et 9999999'],
    [
      { departement: '20', office: 1, date: '2023-08-16', sequence: 1 },
      'Le département « 20 » est inconnu.',
    ],
  ] as const)('refuses %j', (parts, fragment) => {
    // '20' is deliberately not a DepartementCode: the cast stands for untyped input.
    const result = formatApplicationNumber(parts as Parameters<typeof formatApplicationNumber>[0]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(fragment);
  });

  it('round-trips through the parser (Corsica aside, read back as 20)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEPARTEMENT_CODES),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('2000-01-01', n)),
        fc.integer({ min: 0, max: 9_999_999 }),
        (departement, anyOffice, date, sequence) => {
          const office = isOverseas(departement) ? anyOffice % 10 : anyOffice;
          const built = formatApplicationNumber({ departement, office, date, sequence });
          if (!built.ok) throw new Error(built.error.message);
          expect(built.value).toMatch(/^\d{19}$/);
          const expected = departement === '2A' || departement === '2B' ? '20' : departement;
          expect(parseApplicationNumber(built.value)).toEqual({
            ok: true,
            value: { departement: expected, office, date, sequence },
          });
        },
      ),
    );
  });
});

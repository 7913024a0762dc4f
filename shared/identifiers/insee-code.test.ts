import { describe, expect, it } from 'vitest';
import { checkInseeCode, departementFromInseeCode } from './insee-code';

describe('checkInseeCode', () => {
  it.each([
    ['59350', '59350'],
    ['2a004', '2A004'],
    ['2B033', '2B033'],
    ['97411', '97411'],
    ['97701', '97701'],
    ['01001', '01001'],
  ])('accepts %s as %s', (input, value) => {
    expect(checkInseeCode(input)).toEqual({ ok: true, value });
  });

  it('explains that 20… is a Corsican postcode', () => {
    expect(checkInseeCode('20000')).toMatchObject({
      ok: false,
      error: {
        message:
          'En Corse, le code INSEE commence par 2A ou 2B ; un code commençant par 20 est un code postal.',
      },
    });
  });

  it('spots a postcode given for an INSEE code', () => {
    expect(checkInseeCode('59000')).toMatchObject({
      ok: false,
      error: {
        code: 'identifier_invalid',
        message: expect.stringContaining('ressemble à un code postal'),
      },
    });
    expect(checkInseeCode('97400')).toMatchObject({
      error: { message: expect.stringContaining('code postal') },
    });
  });

  it.each(['5935', '593500', '2C004', '96001', '98801', '99134', 'ABCDE'])(
    'refuses %s',
    (input) => {
      expect(checkInseeCode(input)).toMatchObject({
        ok: false,
        error: { code: 'identifier_invalid', message: expect.stringContaining('5 caractères') },
      });
    },
  );

  it('says when it is missing', () => {
    expect(checkInseeCode(' ')).toMatchObject({
      error: { message: 'Le code INSEE est obligatoire.' },
    });
  });
});

describe('departementFromInseeCode', () => {
  it.each([
    ['59350', '59'],
    ['2A004', '2A'],
    ['2B033', '2B'],
    ['97411', '974'],
    ['97611', '976'],
    ['97801', '978'],
  ])('%s → %s', (code, departement) => {
    expect(departementFromInseeCode(code)).toEqual({ ok: true, value: departement });
  });

  it('refuses what is not an INSEE code', () => {
    expect(departementFromInseeCode('59000').ok).toBe(false);
  });
});

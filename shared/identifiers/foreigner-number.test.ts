import { describe, expect, it } from 'vitest';
import { checkForeignerNumber } from './foreigner-number';

describe('checkForeignerNumber', () => {
  it.each([
    ['5908002010', '5908002010'],
    [' 59 08 00 20 10 ', '5908002010'],
  ])('accepts %j as %s', (input, value) => {
    expect(checkForeignerNumber(input)).toEqual({ ok: true, value });
  });

  it.each(['590800201', '59080020100', '59080O2010', '5908-002010'])('refuses %s', (input) => {
    expect(checkForeignerNumber(input)).toEqual({
      ok: false,
      error: {
        code: 'identifier_invalid',
        message: 'Le numéro étranger doit comporter 10 chiffres.',
      },
    });
  });

  it('says when it is missing', () => {
    expect(checkForeignerNumber('  ')).toMatchObject({
      ok: false,
      error: { message: 'Le numéro étranger est obligatoire.' },
    });
  });

  it('takes other accepted lengths and says so', () => {
    expect(checkForeignerNumber('590800201', [9, 10])).toEqual({ ok: true, value: '590800201' });
    expect(checkForeignerNumber('59080020', [9, 10])).toMatchObject({
      error: { message: 'Le numéro étranger doit comporter 9 ou 10 chiffres.' },
    });
    expect(checkForeignerNumber('5', [8, 9, 10])).toMatchObject({
      error: { message: 'Le numéro étranger doit comporter 8, 9 ou 10 chiffres.' },
    });
  });
});

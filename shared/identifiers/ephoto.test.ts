import { describe, expect, it } from 'vitest';
import { checkEphotoCode, checkEphotoConfirmation } from './ephoto';

const CODE = 'AB12CD34EF56GH78IJ90KL';

describe('checkEphotoCode', () => {
  it('accepts 22 letters or digits, upper-cased, spaces ignored', () => {
    expect(checkEphotoCode(CODE)).toEqual({ ok: true, value: CODE });
    expect(checkEphotoCode('ab12 cd34 ef56 gh78 ij90 kl')).toEqual({ ok: true, value: CODE });
    expect(checkEphotoCode('0000000000000000000000')).toEqual({
      ok: true,
      value: '0000000000000000000000',
    });
  });

  it.each([
    'AB12CD34EF56GH78IJ90K',
    'AB12CD34EF56GH78IJ90KLM',
    'AB12CD34EF56GH78IJ90K-',
    'AB12CD34EF56GH78IJ90KÉ',
  ])('refuses %s', (input) => {
    expect(checkEphotoCode(input)).toEqual({
      ok: false,
      error: {
        code: 'identifier_invalid',
        message: 'Le numéro ephoto doit comporter 22 caractères (chiffres ou lettres).',
      },
    });
  });

  it('says when it is missing', () => {
    expect(checkEphotoCode('')).toMatchObject({
      error: { message: 'Le numéro ephoto est obligatoire.' },
    });
  });
});

describe('checkEphotoConfirmation', () => {
  it('accepts the same code typed twice, whatever the case and spacing', () => {
    expect(checkEphotoConfirmation(CODE, CODE.toLowerCase())).toEqual({ ok: true, value: CODE });
  });

  it('refuses two different codes', () => {
    expect(checkEphotoConfirmation(CODE, 'AB12CD34EF56GH78IJ90KM')).toEqual({
      ok: false,
      error: {
        code: 'identifier_mismatch',
        message: 'Les deux numéros ephoto saisis ne sont pas identiques.',
      },
    });
    expect(checkEphotoConfirmation(CODE, '')).toMatchObject({
      error: { code: 'identifier_mismatch' },
    });
  });

  it('reports a malformed first entry as such', () => {
    expect(checkEphotoConfirmation('123', '123')).toMatchObject({
      error: { code: 'identifier_invalid' },
    });
  });
});

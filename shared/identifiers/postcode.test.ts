import { describe, expect, it } from 'vitest';
import { checkPostcode, departementFromPostcode } from './postcode';

describe('checkPostcode', () => {
  it('accepts 5 digits, spaces ignored', () => {
    expect(checkPostcode('59 800')).toEqual({ ok: true, value: '59800' });
  });

  it.each([
    ['5980', 'Le code postal doit comporter 5 chiffres.'],
    ['2A004', 'Le code postal doit comporter 5 chiffres.'],
    ['', 'Le code postal est obligatoire.'],
  ])('refuses %j', (input, message) => {
    expect(checkPostcode(input)).toEqual({
      ok: false,
      error: { code: 'identifier_invalid', message },
    });
  });
});

describe('departementFromPostcode', () => {
  it.each([
    ['59800', '59'],
    ['01000', '01'],
    ['75015', '75'],
    ['95000', '95'],
    ['20000', '2A'],
    ['20090', '2A'],
    ['20167', '2A'],
    ['20199', '2A'],
    ['20200', '2B'],
    ['20600', '2B'],
    ['20620', '2B'],
    ['97110', '971'],
    ['97200', '972'],
    ['97300', '973'],
    ['97400', '974'],
    ['97500', '975'],
    ['97600', '976'],
    ['97133', '977'],
    ['97150', '978'],
  ])('%s → %s', (postcode, departement) => {
    expect(departementFromPostcode(postcode)).toEqual({ ok: true, value: departement });
  });

  it.each(['00100', '96000', '98000', '98800', '98714', '99000', '97800'])(
    '%s is not served',
    (postcode) => {
      expect(departementFromPostcode(postcode)).toEqual({
        ok: false,
        error: {
          code: 'address_unroutable',
          message: `Le code postal « ${postcode} » ne correspond à aucun département ou collectivité d'outre-mer où cette démarche peut être déposée.`,
        },
      });
    },
  );

  it('passes on a malformed postcode', () => {
    expect(departementFromPostcode('59')).toMatchObject({ error: { code: 'identifier_invalid' } });
  });
});

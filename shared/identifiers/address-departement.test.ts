import { describe, expect, it } from 'vitest';
import { departementOfAddress } from './address-departement';

describe('departementOfAddress', () => {
  it('uses the INSEE code when there is one', () => {
    // 05110 is a Hautes-Alpes postcode; the INSEE code is what names the commune's département.
    expect(departementOfAddress({ postcode: '05110', inseeCode: '04033' })).toEqual({
      ok: true,
      value: '04',
    });
    expect(departementOfAddress({ postcode: '20000', inseeCode: '2A004' })).toEqual({
      ok: true,
      value: '2A',
    });
  });

  it('falls back to the postcode', () => {
    expect(departementOfAddress({ postcode: '59800' })).toEqual({ ok: true, value: '59' });
    expect(departementOfAddress({ postcode: '59800', inseeCode: '' })).toEqual({
      ok: true,
      value: '59',
    });
  });

  it('does not hide an invalid INSEE code behind the postcode', () => {
    expect(departementOfAddress({ postcode: '59800', inseeCode: '59000' }).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { cardMrz, checkDigit, passportMrz } from './identity';

describe('machine-readable zones (ICAO 9303)', () => {
  it('computes check digits as the specimen of ICAO 9303 part 4 does', () => {
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(checkDigit('120415')).toBe('9');
    expect(checkDigit('ZE184226B<<<<<')).toBe('1');
    expect(checkDigit('<<<<<<<<<<<<<<')).toBe('0');
  });

  it('writes the two 44-character lines of a passport', () => {
    const [line1, line2] = passportMrz(
      {
        familyName: 'EXEMPLO DA SILVA',
        firstNames: 'Ana Paula',
        sex: 'female',
        birthDate: '1995-08-25',
      },
      'BRA',
      'AB1234567',
      '2029-03-03',
    );
    expect(line1).toBe('P<BRAEXEMPLO<DA<SILVA<<ANA<PAULA'.padEnd(44, '<'));
    expect(line1).toHaveLength(44);
    expect(line2).toHaveLength(44);
    expect(line2.slice(0, 10)).toBe(`AB1234567${checkDigit('AB1234567')}`);
    expect(line2.slice(10, 13)).toBe('BRA');
    expect(line2.slice(13, 20)).toBe(`950825${checkDigit('950825')}`);
    expect(line2.slice(20, 21)).toBe('F');
    expect(line2.slice(21, 28)).toBe(`290303${checkDigit('290303')}`);
    const composite = line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43);
    expect(line2.slice(43)).toBe(checkDigit(composite));
  });

  it('writes the three 30-character lines of an identity card', () => {
    const lines = cardMrz(
      { familyName: 'DEMOCHUK', firstNames: 'Olena', sex: 'female', birthDate: '1974-05-04' },
      'UKR',
      'G56793839',
      '2025-03-16',
    );
    expect(lines.map((line) => line.length)).toEqual([30, 30, 30]);
    expect(lines[0]).toBe(`IDUKRG56793839${checkDigit('G56793839')}${'<'.repeat(15)}`);
    expect(lines[2]).toBe('DEMOCHUK<<OLENA<<<<<<<<<<<<<<<');
  });
});

import { describe, expect, it } from 'vitest';
import { DEPARTEMENT_CODES, isDepartementCode, isOverseas } from './departement';

describe('département codes', () => {
  it('lists 96 metropolitan and 8 overseas codes, Corsica as 2A/2B', () => {
    expect(DEPARTEMENT_CODES).toHaveLength(104);
    expect(isDepartementCode('2A')).toBe(true);
    expect(isDepartementCode('20')).toBe(false);
    expect(isDepartementCode('96')).toBe(false);
    expect(isDepartementCode('988')).toBe(false);
  });

  it('tells overseas codes', () => {
    expect(isOverseas('974')).toBe(true);
    expect(isOverseas('2B')).toBe(false);
  });
});

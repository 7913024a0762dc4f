import { describe, expect, it } from 'vitest';
import { toStoredInstant } from './instant';

describe('toStoredInstant', () => {
  it.each([
    ['2023-08-16T14:37:00+02:00', '2023-08-16T12:37:00.000Z'],
    ['2023-08-16T12:37Z', '2023-08-16T12:37:00.000Z'],
    ['2023-08-16T12:37:00.123456Z', '2023-08-16T12:37:00.123Z'],
    ['2024-02-29T23:30:00-01:00', '2024-03-01T00:30:00.000Z'],
  ])('stores %s as %s', (input, stored) => {
    expect(toStoredInstant(input)).toBe(stored);
  });

  it('stores a Date in the same form', () => {
    expect(toStoredInstant(new Date(Date.UTC(2023, 7, 16, 12, 37)))).toBe(
      '2023-08-16T12:37:00.000Z',
    );
  });

  it.each([
    '2023-08-16',
    '2023-08-16T14:37:00',
    '16/08/2023 14:37',
    '2023-02-30T10:00:00Z',
    '2023-01-01T24:00:00Z',
    '2023-13-01T00:00:00Z',
    '',
  ])('refuses %j', (input) => {
    expect(() => toStoredInstant(input)).toThrow(
      expect.objectContaining({ code: 'instant_invalid' }),
    );
  });

  it('refuses an invalid Date and a year that would not sort as text', () => {
    expect(() => toStoredInstant(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: 'instant_invalid' }),
    );
    expect(() => toStoredInstant(new Date(Date.UTC(10000, 0, 1)))).toThrow(
      expect.objectContaining({ code: 'instant_invalid' }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  daysInMonth,
  fromParts,
  isAfter,
  isBefore,
  isIsoDate,
  isLeapYear,
  toParts,
} from './calendar-date';

/** Any date from 1900-01-01 to 2199-12-31 (1900 and 2100 are not leap years). */
const isoDateArbitrary = fc.integer({ min: 0, max: 109_572 }).map((n) => addDays('1900-01-01', n));

describe('isIsoDate', () => {
  it.each([
    ['2023-09-17', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2023-04-31', false],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-01-00', false],
    ['0000-01-01', false],
    ['2023-1-01', false],
    ['20230101', false],
    ['17/09/2023', false],
    [' 2023-09-17', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('refuses what is not a string', () => {
    expect(isIsoDate(20230917)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(new Date('2023-09-17'))).toBe(false);
  });
});

describe('leap years and month lengths', () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [2100, false],
    [1900, false],
    [2400, true],
  ])('%i leap: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('knows the 30- and 31-day months', () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });
});

describe('addDays', () => {
  it.each([
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2023-08-16', 30, '2023-09-15'],
    ['2023-03-25', 1, '2023-03-26'],
    ['2023-10-28', 2, '2023-10-30'],
    ['0050-01-01', 1, '0050-01-02'],
  ])('%s + %i days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('is undone by the opposite shift and measured by daysBetween', () => {
    fc.assert(
      fc.property(isoDateArbitrary, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        const shifted = addDays(date, days);
        expect(addDays(shifted, -days)).toBe(date);
        expect(daysBetween(date, shifted)).toBe(days);
      }),
    );
  });
});

describe('addMonthsClamped', () => {
  it.each([
    ['2023-08-16', 4, '2023-12-16'],
    ['2023-10-31', 4, '2024-02-29'],
    ['2022-10-31', 4, '2023-02-28'],
    ['2099-10-31', 4, '2100-02-28'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2023-12-15', 1, '2024-01-15'],
    ['2023-09-30', 4, '2024-01-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months → %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });
});

describe('parts and order', () => {
  it('round-trips parts', () => {
    expect(toParts('2023-09-17')).toEqual({ year: 2023, month: 9, day: 17 });
    expect(fromParts({ year: 812, month: 1, day: 2 })).toBe('0812-01-02');
  });

  it('throws on a malformed date, which is a programming error past the schemas', () => {
    expect(() => toParts('2023-02-30')).toThrow(RangeError);
  });

  it('orders dates', () => {
    expect(isBefore('2023-09-17', '2023-09-18')).toBe(true);
    expect(isBefore('2023-09-17', '2023-09-17')).toBe(false);
    expect(isAfter('2024-01-01', '2023-12-31')).toBe(true);
    expect(daysBetween('2023-12-31', '2023-12-01')).toBe(-30);
  });
});

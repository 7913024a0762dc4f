import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysInMonth,
  fromParts,
  isBefore,
  toParts,
} from './calendar-date';
import { periodOfMonths } from './periods';

/** Any date from 1900-01-01 to 2199-12-31 (1900 and 2100 are not leap years). */
const isoDateArbitrary = fc.integer({ min: 0, max: 109_572 }).map((n) => addDays('1900-01-01', n));

describe('periodOfMonths (golden)', () => {
  it.each([
    ['2023-09-17', 3, '2023-12-16'],
    ['2023-01-31', 3, '2023-04-30'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2022-11-30', 3, '2023-02-28'],
    ['2023-11-29', 3, '2024-02-28'],
    ['2022-11-29', 3, '2023-02-28'],
    ['2099-11-30', 3, '2100-02-28'],
    ['2023-12-31', 3, '2024-03-30'],
    ['2023-10-15', 3, '2024-01-14'],
    ['2023-09-18', 12, '2024-09-17'],
    ['2023-03-01', 12, '2024-02-29'],
    ['2024-01-01', 12, '2024-12-31'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-12-01', 1, '2023-12-31'],
  ])('%s for %i months ends %s', (start, months, end) => {
    expect(periodOfMonths(start, months)).toEqual({ validFrom: start, validTo: end });
  });
});

describe('periodOfMonths (properties)', () => {
  const months = fc.integer({ min: 1, max: 60 });

  it('never ends before it starts', () => {
    fc.assert(
      fc.property(isoDateArbitrary, months, (start, n) => {
        const { validFrom, validTo } = periodOfMonths(start, n);
        expect(isBefore(validTo, validFrom)).toBe(false);
      }),
    );
  });

  it('is followed by the same day N months later, or the 1st after a month too short for it', () => {
    fc.assert(
      fc.property(isoDateArbitrary, months, (start, n) => {
        const next = addDays(periodOfMonths(start, n).validTo, 1);
        const { day } = toParts(start);
        const target = toParts(addMonthsClamped(start, n));
        if (day <= daysInMonth(target.year, target.month)) {
          expect(next).toBe(fromParts({ ...target, day }));
        } else {
          const following = addMonthsClamped(fromParts({ ...target, day: 1 }), 1);
          expect(next).toBe(following);
        }
      }),
    );
  });

  it('chains: a renewal starting the day after an end covers the next months without gap', () => {
    fc.assert(
      fc.property(isoDateArbitrary, months, (start, n) => {
        const first = periodOfMonths(start, n);
        const second = periodOfMonths(addDays(first.validTo, 1), n);
        expect(addDays(first.validTo, 1)).toBe(second.validFrom);
      }),
    );
  });
});

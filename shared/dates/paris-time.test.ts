import { afterEach, describe, expect, it } from 'vitest';
import { parisDateOf, parisTimeOf } from './paris-time';

describe('parisDateOf', () => {
  it.each([
    // Spring forward, Sunday 26/03/2023 at 02:00 CET → 03:00 CEST.
    ['2023-03-25T22:59:00Z', '2023-03-25'],
    ['2023-03-25T23:30:00Z', '2023-03-26'],
    ['2023-03-26T21:30:00Z', '2023-03-26'],
    ['2023-03-26T22:30:00Z', '2023-03-27'],
    // Fall back, Sunday 29/10/2023 at 03:00 CEST → 02:00 CET.
    ['2023-10-28T21:30:00Z', '2023-10-28'],
    ['2023-10-28T22:30:00Z', '2023-10-29'],
    ['2023-10-28T23:30:00Z', '2023-10-29'],
    ['2023-10-29T22:30:00Z', '2023-10-29'],
    ['2023-10-29T23:30:00Z', '2023-10-30'],
    // Year boundary.
    ['2023-12-31T22:59:59Z', '2023-12-31'],
    ['2023-12-31T23:00:00Z', '2024-01-01'],
    ['2024-02-28T23:30:00Z', '2024-02-29'],
  ])('%s is %s in Paris', (instant, date) => {
    expect(parisDateOf(new Date(instant))).toBe(date);
  });

  describe('whatever the machine time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'])('%s', (zone) => {
      process.env.TZ = zone;
      expect(parisDateOf(new Date('2023-03-25T23:30:00Z'))).toBe('2023-03-26');
      expect(parisDateOf(new Date('2023-10-29T22:30:00Z'))).toBe('2023-10-29');
      expect(parisTimeOf(new Date('2023-08-16T12:37:00Z'))).toBe('14:37');
    });
  });

  it('refuses an invalid instant', () => {
    expect(() => parisDateOf(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('parisTimeOf', () => {
  it.each([
    ['2023-08-16T12:37:00Z', '14:37'],
    ['2023-01-16T12:37:00Z', '13:37'],
    ['2023-03-26T01:05:00Z', '03:05'],
    ['2023-10-29T00:30:00Z', '02:30'],
    ['2023-10-29T01:30:00Z', '02:30'],
    ['2023-12-31T23:00:00Z', '00:00'],
  ])('%s is %s in Paris', (instant, time) => {
    expect(parisTimeOf(new Date(instant))).toBe(time);
  });
});

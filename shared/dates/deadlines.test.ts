import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isBefore } from './calendar-date';
import {
  cardValidity,
  daysRemaining,
  expiryState,
  implicitRejectionDate,
  isSupplementDeadlinePassed,
  prolongationValidity,
  supplementDeadline,
} from './deadlines';

/** Any date from 1900-01-01 to 2199-12-31 (1900 and 2100 are not leap years). */
const isoDateArbitrary = fc.integer({ min: 0, max: 109_572 }).map((n) => addDays('1900-01-01', n));

describe('supplement deadline: Paris date of reading + 30 days', () => {
  it.each([
    ['2023-08-16T12:37:00Z', '2023-09-15'],
    ['2023-08-16T21:59:00Z', '2023-09-15'],
    ['2023-08-16T22:30:00Z', '2023-09-16'],
    ['2023-03-25T23:30:00Z', '2023-04-25'],
    ['2023-10-28T23:30:00Z', '2023-11-28'],
    ['2023-12-15T10:00:00Z', '2024-01-14'],
    ['2024-01-30T10:00:00Z', '2024-02-29'],
    ['2023-01-30T10:00:00Z', '2023-03-01'],
  ])('read at %s → answer until %s', (readAt, deadline) => {
    expect(supplementDeadline(new Date(readAt))).toBe(deadline);
  });

  it('has passed only once the deadline day is over in Paris', () => {
    const readAt = new Date('2023-08-16T12:37:00Z');
    expect(isSupplementDeadlinePassed(readAt, new Date('2023-09-15T21:59:59Z'))).toBe(false);
    expect(isSupplementDeadlinePassed(readAt, new Date('2023-09-15T22:00:00Z'))).toBe(true);
    expect(isSupplementDeadlinePassed(readAt, new Date('2023-08-20T10:00:00Z'))).toBe(false);
  });
});

describe('prolongation attestation: 3 months from its issue date', () => {
  it.each([
    ['2023-09-17', '2023-12-16'],
    ['2023-01-31', '2023-04-30'],
    ['2023-11-30', '2024-02-29'],
    ['2022-11-30', '2023-02-28'],
    ['2099-11-30', '2100-02-28'],
    ['2023-10-15', '2024-01-14'],
    ['2023-12-01', '2024-02-29'],
    ['2024-02-29', '2024-05-28'],
  ])('issued %s → valid until %s', (issued, validTo) => {
    expect(prolongationValidity(issued)).toEqual({ validFrom: issued, validTo });
  });
});

describe('card after a favourable decision: from D+1 for 12 months', () => {
  it.each([
    ['2023-09-17', '2023-09-18', '2024-09-17'],
    ['2023-02-28', '2023-03-01', '2024-02-29'],
    ['2024-02-28', '2024-02-29', '2025-02-28'],
    ['2024-02-29', '2024-03-01', '2025-02-28'],
    ['2023-12-31', '2024-01-01', '2024-12-31'],
    ['2099-02-28', '2099-03-01', '2100-02-28'],
    ['2023-01-30', '2023-01-31', '2024-01-30'],
  ])('decided %s → %s to %s', (decided, validFrom, validTo) => {
    expect(cardValidity(decided, 12)).toEqual({ validFrom, validTo });
  });

  it('starts the day after the decision and never ends before it starts', () => {
    fc.assert(
      fc.property(isoDateArbitrary, fc.integer({ min: 1, max: 120 }), (decided, months) => {
        const { validFrom, validTo } = cardValidity(decided, months);
        expect(validFrom).toBe(addDays(decided, 1));
        expect(isBefore(validTo, validFrom)).toBe(false);
      }),
    );
  });
});

describe('implicit rejection (CESEDA R432-2): 4 months after a complete application', () => {
  it.each([
    ['2023-08-16', '2023-12-16'],
    ['2023-09-17', '2024-01-17'],
    ['2023-10-31', '2024-02-29'],
    ['2022-10-31', '2023-02-28'],
    ['2099-10-31', '2100-02-28'],
    ['2023-09-30', '2024-01-30'],
    ['2023-11-30', '2024-03-30'],
    ['2024-02-29', '2024-06-29'],
  ])('complete on %s → implicit rejection on %s', (complete, rejection) => {
    expect(implicitRejectionDate(complete)).toBe(rejection);
  });

  it('always falls 120 to 123 days later', () => {
    fc.assert(
      fc.property(isoDateArbitrary, (complete) => {
        const rejection = implicitRejectionDate(complete);
        expect(isBefore(rejection, addDays(complete, 118))).toBe(false);
        expect(isBefore(addDays(complete, 123), rejection)).toBe(false);
      }),
    );
  });
});

describe('expiry warnings', () => {
  const validTo = '2023-12-16';

  it.each([
    ['2023-12-16T10:00:00Z', 0],
    ['2023-12-16T22:59:00Z', 0],
    ['2023-12-16T23:30:00Z', -1],
    ['2023-12-01T10:00:00Z', 15],
    ['2023-11-30T10:00:00Z', 16],
  ])('at %s, %i days remain', (now, days) => {
    expect(daysRemaining(validTo, new Date(now))).toBe(days);
  });

  it.each([
    ['2023-11-30T10:00:00Z', 'valid'],
    ['2023-12-01T10:00:00Z', 'expiringSoon'],
    ['2023-12-16T10:00:00Z', 'expiringSoon'],
    ['2023-12-17T10:00:00Z', 'expired'],
  ] as const)('at %s: %s', (now, state) => {
    expect(expiryState(validTo, new Date(now))).toBe(state);
  });

  it('takes another warning window', () => {
    expect(expiryState(validTo, new Date('2023-11-30T10:00:00Z'), 30)).toBe('expiringSoon');
    expect(expiryState(validTo, new Date('2023-12-10T10:00:00Z'), 3)).toBe('valid');
  });
});

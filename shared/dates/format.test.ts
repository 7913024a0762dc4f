import { describe, expect, it } from 'vitest';
import { formatFrenchDate, formatParisDate } from './format';

describe('formatFrenchDate', () => {
  it.each([
    ['2023-08-16', '16/08/2023'],
    ['2024-02-29', '29/02/2024'],
    ['2024-01-01', '01/01/2024'],
  ])('%s → %s', (date, text) => {
    expect(formatFrenchDate(date)).toBe(text);
  });
});

describe('formatParisDate', () => {
  it('shows the Paris date of an instant', () => {
    expect(formatParisDate(new Date('2023-09-16T22:30:00Z'))).toBe('17/09/2023');
    expect(formatParisDate(new Date('2023-09-16T21:30:00Z'))).toBe('16/09/2023');
  });
});

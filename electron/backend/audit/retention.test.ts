import { describe, expect, it } from 'vitest';
import {
  checkedRetentionDays,
  DEFAULT_AUDIT_RETENTION_DAYS,
  retentionDaysFromEnv,
} from './retention';

describe('audit retention', () => {
  it('reads INSTRUCTEUR_AUDIT_RETENTION_DAYS, one year when unset or empty', () => {
    expect(retentionDaysFromEnv({})).toBe(DEFAULT_AUDIT_RETENTION_DAYS);
    expect(retentionDaysFromEnv({ INSTRUCTEUR_AUDIT_RETENTION_DAYS: ' ' })).toBe(365);
    expect(retentionDaysFromEnv({ INSTRUCTEUR_AUDIT_RETENTION_DAYS: '180' })).toBe(180);
  });

  it('refuses anything but a whole number of days from 1 to 3650, saying what it read', () => {
    for (const text of ['0', '-5', '1.5', '6 mois', '3651'])
      expect(() => retentionDaysFromEnv({ INSTRUCTEUR_AUDIT_RETENTION_DAYS: text })).toThrow(
        `(INSTRUCTEUR_AUDIT_RETENTION_DAYS = « ${text} »)`,
      );
    expect(() => checkedRetentionDays(0.5)).toThrow('auditRetentionDays = « 0.5 »');
    expect(checkedRetentionDays(30)).toBe(30);
  });
});

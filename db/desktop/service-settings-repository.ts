import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

export interface ServiceSettings {
  serviceCode: string;
  /** The agents' decisions wait for the supervisor's signature (« À signer »). */
  decisionValidation: boolean;
  updatedAt: string;
}

/** The portal's settings of each service, as last read: kept so they hold offline. */
export function createServiceSettingsRepository(db: Database.Database) {
  const read = db.prepare<
    [string],
    { serviceCode: string; decisionValidation: number; updatedAt: string }
  >(`
    SELECT service_code AS serviceCode, decision_validation AS decisionValidation,
      updated_at AS updatedAt
    FROM service_settings WHERE service_code = ?`);
  const write = db.prepare<{ serviceCode: string; decisionValidation: number; updatedAt: string }>(`
    INSERT INTO service_settings (service_code, decision_validation, updated_at)
    VALUES (@serviceCode, @decisionValidation, @updatedAt)
    ON CONFLICT (service_code) DO UPDATE SET
      decision_validation = excluded.decision_validation, updated_at = excluded.updated_at`);

  return {
    /** null: never read from the portal (no signature asked until it says so). */
    get(serviceCode: string): ServiceSettings | null {
      const row = read.get(serviceCode);
      return row ? { ...row, decisionValidation: row.decisionValidation === 1 } : null;
    },
    save(serviceCode: string, decisionValidation: boolean, at: Date = new Date()): void {
      write.run({
        serviceCode,
        decisionValidation: decisionValidation ? 1 : 0,
        updatedAt: toStoredInstant(at),
      });
    },
  };
}

export type ServiceSettingsRepository = ReturnType<typeof createServiceSettingsRepository>;

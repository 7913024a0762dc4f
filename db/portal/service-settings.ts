import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

/** What a service decided for itself; a service that never set anything has `DEFAULT_SERVICE_SETTINGS`. */
export interface ServiceSettings {
  serviceCode: string;
  /** Agents' decisions wait for a supervisor's signature before they reach the applicant. */
  decisionValidation: boolean;
}

export const DEFAULT_SERVICE_SETTINGS = { decisionValidation: false } as const;

export interface ServiceSettingsRepository {
  get(serviceCode: string): ServiceSettings;
  /** The service must exist. */
  set(settings: ServiceSettings, at: string | Date): ServiceSettings;
}

export function createServiceSettings(db: Database.Database): ServiceSettingsRepository {
  const find = db
    .prepare<[string], number>(
      'SELECT decision_validation FROM service_settings WHERE service_code = ?',
    )
    .pluck();
  const upsert = db.prepare(`
    INSERT INTO service_settings (service_code, decision_validation, updated_at)
    VALUES (@serviceCode, @decisionValidation, @updatedAt)
    ON CONFLICT (service_code) DO UPDATE SET
      decision_validation = excluded.decision_validation, updated_at = excluded.updated_at`);

  function get(serviceCode: string): ServiceSettings {
    const stored = find.get(serviceCode);
    return {
      serviceCode,
      decisionValidation:
        stored === undefined ? DEFAULT_SERVICE_SETTINGS.decisionValidation : stored === 1,
    };
  }

  return {
    get,
    set(settings, at) {
      upsert.run({
        serviceCode: settings.serviceCode,
        decisionValidation: settings.decisionValidation ? 1 : 0,
        updatedAt: toStoredInstant(at),
      });
      return get(settings.serviceCode);
    },
  };
}

/** How long journal entries are kept when nothing else is configured (CNIL: six months to a year for logs). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** At most ten years: beyond, a typing mistake rather than a choice. */
const MAX_RETENTION_DAYS = 3650;

function invalidRetention(source: string, shown: string): Error {
  return new Error(
    `Durée de conservation du journal d'audit invalide (${source} = « ${shown} ») : un nombre entier de jours entre 1 et ${MAX_RETENTION_DAYS} est attendu.`,
  );
}

/** Checks a retention given to createBackend; throws a French message for whoever configured it. */
export function checkedRetentionDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS)
    throw invalidRetention('auditRetentionDays', String(days));
  return days;
}

/**
 * The retention the shells configure by environment (INSTRUCTEUR_AUDIT_RETENTION_DAYS), or the
 * default when it is unset or empty.
 */
export function retentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.INSTRUCTEUR_AUDIT_RETENTION_DAYS?.trim();
  if (!text) return DEFAULT_AUDIT_RETENTION_DAYS;
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS)
    throw invalidRetention('INSTRUCTEUR_AUDIT_RETENTION_DAYS', text);
  return days;
}

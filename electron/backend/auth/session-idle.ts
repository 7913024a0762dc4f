/** An agent's session locks after this long without activity, unless configured otherwise. */
export const DEFAULT_SESSION_IDLE_MINUTES = 10;
const MIN_MINUTES = 1;
const MAX_MINUTES = 240;

export const SESSION_IDLE_ENV = 'INSTRUCTEUR_SESSION_IDLE_MINUTES';

/**
 * The idle limit the host and the Electron shell read from INSTRUCTEUR_SESSION_IDLE_MINUTES, in
 * milliseconds; undefined when unset (the backend's default). A bad value stops the start with a
 * French message rather than leaving a workstation unlocked longer than intended.
 */
export function sessionIdleMsFromEnv(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const minutes = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(minutes >= MIN_MINUTES && minutes <= MAX_MINUTES)) {
    throw new Error(
      `${SESSION_IDLE_ENV} invalide : « ${raw} » (un nombre entier de minutes entre ${MIN_MINUTES} et ${MAX_MINUTES} est attendu).`,
    );
  }
  return minutes * 60_000;
}

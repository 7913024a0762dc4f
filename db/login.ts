/**
 * The one stored form of a login: trimmed, NFC, lowercase. SQLite's NOCASE folds ASCII only,
 * so 'Élodie' and 'élodie' would otherwise be two agents; the columns' NOCASE still guards writes
 * that bypass the repositories.
 */
export function canonicalLogin(login: string): string {
  return login.trim().normalize('NFC').toLowerCase();
}

import { isIsoDate, type IsoDate } from '../dates/calendar-date';
import { invalidIdentifier } from '../errors';
import { fail, ok, type Result } from '../result';
import { isDepartementCode, isOverseas, type DepartementCode } from './departement';

/**
 * Numéro de la demande: 19 digits, e.g. 5901202308160000181 =
 *   59 (département) · 01 (office) · 20230816 (submission date) · 0000181 (sequence).
 * The number has only digits, hence two encoding decisions, the same as the INSEE code makes:
 * - Corsica (2A, 2B) is written 20 followed by a two-digit office; the number alone cannot tell
 *   2A from 2B, so parsing gives '20' (route with the address, never with this number).
 * - Overseas (971–978) takes three digits, leaving one digit (0–9) for the office:
 *   974 office 1 → 9741…
 */
export type ApplicationNumberDepartement = Exclude<DepartementCode, '2A' | '2B'> | '20';

export type ApplicationNumberParts = {
  departement: ApplicationNumberDepartement;
  office: number;
  date: IsoDate;
  sequence: number;
};

export const APPLICATION_NUMBER_LENGTH = 19;
export const MAX_APPLICATION_SEQUENCE = 9_999_999;

function compactDate(date: IsoDate): string {
  return date.replaceAll('-', '');
}

/**
 * Builds the number allocated at submission. `departement` is the routing département ('59',
 * '2A', '974'…), `office` 0–99 (0–9 overseas), `date` the Paris submission date, `sequence` 0–9 999 999.
 */
export function formatApplicationNumber(parts: {
  departement: DepartementCode;
  office: number;
  date: IsoDate;
  sequence: number;
}): Result<string> {
  const { departement, office, date, sequence } = parts;
  if (!isDepartementCode(departement)) {
    return fail(invalidIdentifier(`Le département « ${String(departement)} » est inconnu.`));
  }
  const officeDigits = isOverseas(departement) ? 1 : 2;
  if (!Number.isInteger(office) || office < 0 || office >= 10 ** officeDigits) {
    return fail(
      invalidIdentifier(
        `Le numéro de guichet doit être compris entre 0 et ${10 ** officeDigits - 1} pour le département ${departement}.`,
      ),
    );
  }
  if (!isIsoDate(date))
    return fail(invalidIdentifier(`La date de dépôt « ${date} » n'est pas une date valide.`));
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > MAX_APPLICATION_SEQUENCE) {
    return fail(
      invalidIdentifier(
        `Le numéro d'ordre de la demande doit être compris entre 0 et ${MAX_APPLICATION_SEQUENCE}.`,
      ),
    );
  }
  const prefix = departement === '2A' || departement === '2B' ? '20' : departement;
  return ok(
    `${prefix}${String(office).padStart(officeDigits, '0')}${compactDate(date)}${String(sequence).padStart(7, '0')}`,
  );
}

/** Reads a numéro de la demande (spaces ignored) back into its parts, checking each one. */
export function parseApplicationNumber(input: string): Result<ApplicationNumberParts> {
  const digits = input.replace(/\s/g, '');
  if (digits === '') return fail(invalidIdentifier('Le numéro de la demande est obligatoire.'));
  if (!/^\d+$/.test(digits) || digits.length !== APPLICATION_NUMBER_LENGTH) {
    return fail(
      invalidIdentifier(
        `Le numéro de la demande doit comporter ${APPLICATION_NUMBER_LENGTH} chiffres.`,
      ),
    );
  }
  const overseas = digits.startsWith('97');
  const departement = digits.slice(0, overseas ? 3 : 2);
  if (departement !== '20' && !isDepartementCode(departement)) {
    return fail(
      invalidIdentifier(
        `Le numéro de la demande commence par un code de département inconnu (« ${departement} »).`,
      ),
    );
  }
  const compact = digits.slice(4, 12);
  const date = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  if (!isIsoDate(date)) {
    return fail(
      invalidIdentifier(
        `Le numéro de la demande contient une date de dépôt impossible (« ${compact} »).`,
      ),
    );
  }
  return ok({
    departement: departement as ApplicationNumberDepartement,
    office: Number(digits.slice(departement.length, 4)),
    date,
    sequence: Number(digits.slice(12)),
  });
}

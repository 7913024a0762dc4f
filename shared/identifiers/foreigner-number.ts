import { invalidIdentifier } from '../errors';
import { fail, ok, type Result } from '../result';

/**
 * Accepted lengths of the numéro étranger (AGDREF). The guide shows 10 digits (5908002010); some
 * sources mention 9. Widen here, in this one place, if older 9-digit numbers must be accepted.
 */
export const FOREIGNER_NUMBER_LENGTHS: readonly number[] = [10];

function lengthsText(lengths: readonly number[]): string {
  if (lengths.length <= 1) return String(lengths[0] ?? '');
  return `${lengths.slice(0, -1).join(', ')} ou ${String(lengths.at(-1))}`;
}

/** Spaces are ignored (people copy the number from a card with spaces); returns the digits only. */
export function checkForeignerNumber(
  input: string,
  lengths: readonly number[] = FOREIGNER_NUMBER_LENGTHS,
): Result<string> {
  const digits = input.replace(/\s/g, '');
  if (digits === '') return fail(invalidIdentifier('Le numéro étranger est obligatoire.'));
  if (!/^\d+$/.test(digits) || !lengths.includes(digits.length)) {
    return fail(
      invalidIdentifier(`Le numéro étranger doit comporter ${lengthsText(lengths)} chiffres.`),
    );
  }
  return ok(digits);
}

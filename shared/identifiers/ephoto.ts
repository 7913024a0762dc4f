import { identifierMismatch, invalidIdentifier } from '../errors';
import { fail, ok, type Result } from '../result';

/** The ANTS e-photo code printed on the photo sheet: 22 letters or digits (the guide says « 22 chiffres »). */
export const EPHOTO_CODE_LENGTH = 22;

/** Spaces are ignored and letters upper-cased, so a code typed in lower case matches the sheet. */
export function checkEphotoCode(input: string): Result<string> {
  const code = input.replace(/\s/g, '').toUpperCase();
  if (code === '') return fail(invalidIdentifier('Le numéro ephoto est obligatoire.'));
  if (!/^[A-Z0-9]+$/.test(code) || code.length !== EPHOTO_CODE_LENGTH) {
    return fail(
      invalidIdentifier(
        `Le numéro ephoto doit comporter ${EPHOTO_CODE_LENGTH} caractères (chiffres ou lettres).`,
      ),
    );
  }
  return ok(code);
}

/** The code is typed twice; both entries must be valid and name the same code. */
export function checkEphotoConfirmation(code: string, confirmation: string): Result<string> {
  const first = checkEphotoCode(code);
  if (!first.ok) return first;
  const second = checkEphotoCode(confirmation);
  if (!second.ok || second.value !== first.value) {
    return fail(identifierMismatch('Les deux numéros ephoto saisis ne sont pas identiques.'));
  }
  return first;
}

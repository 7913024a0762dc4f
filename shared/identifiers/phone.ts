import { invalidIdentifier } from '../errors';
import { fail, ok, type Result } from '../result';

/**
 * French phone numbers, stored in E.164 (+33612345678) and shown the French way (06 12 34 56 78).
 *
 * Metropole and the overseas départements share the 10-digit national plan (0 + 9 digits); the
 * overseas ones have their own country codes, told apart by the first three national digits.
 * Saint-Pierre-et-Miquelon, Wallis-et-Futuna, New Caledonia and French Polynesia have plans of
 * their own (international format only). +269 is not accepted: since 2007 it is the Comoros,
 * Mayotte being +262 (0269…, 0639…).
 */
const OVERSEAS_NATIONAL_PREFIXES: ReadonlyArray<{
  countryCode: string;
  prefixes: readonly string[];
}> = [
  { countryCode: '262', prefixes: ['262', '263', '692', '693', '269', '639'] }, // La Réunion, Mayotte
  { countryCode: '590', prefixes: ['590', '690', '691'] }, // Guadeloupe, Saint-Barthélemy, Saint-Martin
  { countryCode: '594', prefixes: ['594', '694'] }, // Guyane
  { countryCode: '596', prefixes: ['596', '696', '697'] }, // Martinique
];

/** Country code → number of digits after it. */
const OWN_PLANS: Readonly<Record<string, number>> = {
  '508': 6, // Saint-Pierre-et-Miquelon
  '681': 6, // Wallis-et-Futuna
  '687': 6, // Nouvelle-Calédonie
  '689': 8, // Polynésie française
};

const INVALID_MESSAGE =
  'Le numéro de téléphone doit être un numéro français : 10 chiffres commençant par 0 (par exemple 06 12 34 56 78), ou au format international (+33, +262, +590, +594, +596, +508, +681, +687, +689).';

/** National significant number (9 digits, no leading 0) → E.164, with the right overseas country code. */
function nationalToE164(nine: string): string {
  const overseas = OVERSEAS_NATIONAL_PREFIXES.find(({ prefixes }) =>
    prefixes.includes(nine.slice(0, 3)),
  );
  return `+${overseas ? overseas.countryCode : '33'}${nine}`;
}

function toE164(compact: string): string | null {
  if (/^0[1-9]\d{8}$/.test(compact)) return nationalToE164(compact.slice(1));
  if (!compact.startsWith('+')) return null;
  const international = compact.slice(1);
  // « +33 0 6… » and « +33 (0)6… » are common ways of writing a French number.
  const france = /^330?([1-9]\d{8})$/.exec(international);
  if (france?.[1]) return nationalToE164(france[1]);
  for (const { countryCode, prefixes } of OVERSEAS_NATIONAL_PREFIXES) {
    const nine = international.startsWith(countryCode)
      ? international.slice(countryCode.length)
      : '';
    if (/^\d{9}$/.test(nine) && prefixes.includes(nine.slice(0, 3))) return `+${international}`;
  }
  for (const [countryCode, length] of Object.entries(OWN_PLANS)) {
    const rest = international.startsWith(countryCode)
      ? international.slice(countryCode.length)
      : '';
    if (rest.length === length && /^\d+$/.test(rest)) return `+${international}`;
  }
  return null;
}

/** Accepts spaces, dots, dashes, « (0) » and the 00 prefix; returns E.164. */
export function normalizePhone(input: string): Result<string> {
  const compact = input
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s.\-/()]/g, '')
    .replace(/^00/, '+');
  if (compact === '') return fail(invalidIdentifier('Le numéro de téléphone est obligatoire.'));
  if (compact.startsWith('+269')) {
    return fail(
      invalidIdentifier(
        "L'indicatif +269 est celui des Comores : pour Mayotte, l'indicatif est +262 (numéros en 0269 ou 0639).",
      ),
    );
  }
  const e164 = toE164(compact);
  return e164 ? ok(e164) : fail(invalidIdentifier(INVALID_MESSAGE));
}

function pairs(digits: string): string {
  return digits.match(/\d{2}/g)?.join(' ') ?? digits;
}

/** National plan numbers as « 06 12 34 56 78 » (« 06 92 12 34 56 » for La Réunion), others as « +689 87 12 34 56 ». */
export function formatPhoneForDisplay(e164: string): string {
  const france = /^\+33(\d{9})$/.exec(e164);
  if (france?.[1]) return pairs(`0${france[1]}`);
  for (const { countryCode } of OVERSEAS_NATIONAL_PREFIXES) {
    const rest = e164.startsWith(`+${countryCode}`) ? e164.slice(countryCode.length + 1) : '';
    if (/^\d{9}$/.test(rest)) return pairs(`0${rest}`);
  }
  for (const countryCode of Object.keys(OWN_PLANS)) {
    if (e164.startsWith(`+${countryCode}`))
      return `+${countryCode} ${pairs(e164.slice(countryCode.length + 1))}`;
  }
  return e164;
}

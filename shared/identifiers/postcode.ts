import { invalidIdentifier, unroutableAddress } from '../errors';
import { fail, ok, type Result } from '../result';
import { isDepartementCode, type DepartementCode } from './departement';

const POSTCODE = /^\d{5}$/;

/** Saint-Barthélemy and Saint-Martin use Guadeloupe's 971 postcodes but have their own INSEE codes. */
const OVERSEAS_COLLECTIVITY_POSTCODES: Readonly<Record<string, DepartementCode>> = {
  '97133': '977',
  '97150': '978',
};

/** A French postcode: 5 digits, spaces ignored. */
export function checkPostcode(input: string): Result<string> {
  const postcode = input.replace(/\s/g, '');
  if (postcode === '') return fail(invalidIdentifier('Le code postal est obligatoire.'));
  if (!POSTCODE.test(postcode))
    return fail(invalidIdentifier('Le code postal doit comporter 5 chiffres.'));
  return ok(postcode);
}

/**
 * The département of a postcode: its first two digits; 20xxx is Corsica, 2A below 20200 and 2B
 * from 20200; 97xxx uses three digits, 971–976 (97133 and 97150 are Saint-Barthélemy and Saint-Martin).
 * A few postcodes straddle two départements: when the address has an INSEE code, route with it
 * (address-departement.ts does).
 */
export function departementFromPostcode(input: string): Result<DepartementCode> {
  const checked = checkPostcode(input);
  if (!checked.ok) return checked;
  const postcode = checked.value;
  const collectivity = OVERSEAS_COLLECTIVITY_POSTCODES[postcode];
  if (collectivity) return ok(collectivity);
  const prefix = postcode.slice(0, 2);
  const candidate =
    prefix === '20'
      ? postcode < '20200'
        ? '2A'
        : '2B'
      : prefix === '97'
        ? postcode.slice(0, 3)
        : prefix;
  // 977 and 978 have no postcodes of their own (see above).
  if (isDepartementCode(candidate) && candidate !== '977' && candidate !== '978')
    return ok(candidate);
  return fail(
    unroutableAddress(
      `Le code postal « ${postcode} » ne correspond à aucun département ou collectivité d'outre-mer où cette démarche peut être déposée.`,
    ),
  );
}

import type { Result } from '../result';
import type { DepartementCode } from './departement';
import { departementFromInseeCode } from './insee-code';
import { departementFromPostcode } from './postcode';

/**
 * The département whose service instructs the dossier, from the applicant's address. The INSEE
 * code is exact, so it wins when present; the postcode is the fallback (a few postcodes straddle
 * two départements, and an address typed by hand overseas may lack the INSEE code).
 */
export function departementOfAddress(address: {
  postcode: string;
  inseeCode?: string | undefined;
}): Result<DepartementCode> {
  return address.inseeCode
    ? departementFromInseeCode(address.inseeCode)
    : departementFromPostcode(address.postcode);
}

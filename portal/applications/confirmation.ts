import type { IsoDate } from '../../shared/dates/calendar-date';
import type { SubmittedDossier } from '../../shared/dossier/submitted-dossier';

/** What the « Confirmation du dépôt » PDF shows (portal/confirmation renders it). */
export interface ConfirmationInput {
  kind: 'first' | 'renewal';
  foreignerNumber: string;
  applicationNumber: string;
  issuedOn: IsoDate;
  depositedOn: IsoDate;
  civilStatus: {
    birthName: string;
    usageName?: string;
    firstNames: string;
    birthDate: IsoDate;
    birthPlace: string;
    birthCountry: string;
    nationality: string;
  };
  address: { line: string; postcode: string; city: string; country: string };
}

export type RenderConfirmation = (input: ConfirmationInput) => Promise<Uint8Array>;

/** The confirmation of a submission on `depositedOn` (Paris date), issued the same day. */
export function confirmationInputOf(
  dossier: SubmittedDossier,
  applicationNumber: string,
  depositedOn: IsoDate,
): ConfirmationInput {
  const { civilStatus, address, foreignerNumber } = dossier.personal;
  return {
    // Every procedure of the catalogue is a first application; renewals are another teleprocedure.
    kind: 'first',
    foreignerNumber,
    applicationNumber,
    issuedOn: depositedOn,
    depositedOn,
    civilStatus: {
      birthName: civilStatus.birthName,
      ...(civilStatus.usageName ? { usageName: civilStatus.usageName } : {}),
      firstNames: civilStatus.firstNames,
      birthDate: civilStatus.birthDate,
      birthPlace: civilStatus.birthPlace,
      birthCountry: civilStatus.birthCountry,
      nationality: civilStatus.nationality,
    },
    address: {
      line: address.line,
      postcode: address.postcode,
      city: address.city,
      country: address.country,
    },
  };
}

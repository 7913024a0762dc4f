import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../../../shared/dates/calendar-date';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { isProcedureKey, type ProcedureKey } from '../../../shared/procedures/catalogue';
import type { ApplicationKind, CivilStatus, PostalAddress } from '../../../shared/texts/documents';
import type { ApplicationRow } from '../../../db/desktop/application-repository';
import { UserFacingError } from '../errors';

/** What every attestation prints of its holder, read from the mirrored dossier. */
export interface DossierHolder {
  kind: ApplicationKind;
  foreignerNumber: string;
  applicationNumber: string;
  civilStatus: CivilStatus;
  address: PostalAddress;
  /** The Paris date of the submission (« La demande … que vous avez déposée le … »). */
  depositedOn: IsoDate;
  procedure: ProcedureKey;
}

const text = z.string().trim().min(1);
const isoDate = z.string().refine(isIsoDate);

// Only the fields the attestations print: the portal validated the whole dossier at submission.
const holderSchema = z.looseObject({
  motive: z.looseObject({ procedure: z.string().refine(isProcedureKey) }),
  personal: z.looseObject({
    foreignerNumber: text,
    civilStatus: z.looseObject({
      birthName: text,
      usageName: z.string().optional(),
      firstNames: text,
      birthDate: isoDate,
      birthPlace: text,
      birthCountry: text,
      nationality: text,
    }),
    address: z.looseObject({ line: text, postcode: text, city: text, country: text }),
  }),
});

/** The holder of a dossier's attestations; BAD_REQUEST when the mirrored dossier lacks a fact. */
export function holderOf(application: ApplicationRow): DossierHolder {
  const parsed = holderSchema.safeParse((application.data as { dossier?: unknown }).dossier);
  if (!parsed.success)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      `Le dossier n° ${application.applicationNumber} est incomplet sur ce poste (${parsed.error.issues[0]?.path.join('.')}) : synchronisez avant d'établir une attestation.`,
    );
  const { personal, motive } = parsed.data;
  const civil = personal.civilStatus;
  return {
    // Every procedure of the catalogue is a first application; renewals are another teleprocedure.
    kind: 'first',
    foreignerNumber: personal.foreignerNumber,
    applicationNumber: application.applicationNumber,
    civilStatus: {
      birthName: civil.birthName,
      ...(civil.usageName?.trim() ? { usageName: civil.usageName } : {}),
      firstNames: civil.firstNames,
      birthDate: civil.birthDate as IsoDate,
      birthPlace: civil.birthPlace,
      birthCountry: civil.birthCountry,
      nationality: civil.nationality,
    },
    address: {
      line: personal.address.line,
      postcode: personal.address.postcode,
      city: personal.address.city,
      country: personal.address.country,
    },
    depositedOn: parisDateOf(new Date(application.submittedAt)),
    procedure: motive.procedure as ProcedureKey,
  };
}

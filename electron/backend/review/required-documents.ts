import { isIsoDate, type IsoDate } from '../../../shared/dates/calendar-date';
import { requiredDocuments, type RequiredDocument } from '../../../shared/documents/requirements';
import { isProcedureKey, PROCEDURES } from '../../../shared/procedures/catalogue';

/**
 * The documents with files the catalogue requires of this applicant on the day of submission
 * (the e-photo is a code, shown with the dossier). None when the dossier lacks the facts. The
 * dossier view lists them; a decision needs each of them judged « Conforme ».
 */
export function requiredFileDocuments(dossier: unknown, submittedOn: IsoDate): RequiredDocument[] {
  const motive = (dossier as { motive?: { procedure?: unknown } } | undefined)?.motive;
  const civilStatus = (
    dossier as
      | { personal?: { civilStatus?: { birthDate?: unknown; emancipatedMinor?: unknown } } }
      | undefined
  )?.personal?.civilStatus;
  if (!isProcedureKey(motive?.procedure) || !isIsoDate(civilStatus?.birthDate)) return [];
  const applicant = {
    birthDate: civilStatus.birthDate,
    emancipatedMinor: civilStatus.emancipatedMinor === true,
  };
  return requiredDocuments(PROCEDURES[motive.procedure], applicant, submittedOn).filter(
    (document) => document.input !== 'ephoto',
  );
}

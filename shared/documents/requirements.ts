import { ageOn } from '../dates/age';
import type { IsoDate } from '../dates/calendar-date';
import type { Procedure } from '../procedures/catalogue';
import type { DocumentDefinition, DocumentKey, RequiredWhen } from '../procedures/documents';

/** The civil-status facts that decide which documents are asked for. */
export type ApplicantFacts = { birthDate: IsoDate; emancipatedMinor: boolean };

export type RequiredDocument = {
  key: DocumentKey;
  label: string;
  input: DocumentDefinition['input'];
  /** Why it is asked for, in French, for the agent and the applicant. */
  reason: string;
};

/** Majority, and the age from which a minor may apply and may be emancipated (Code civil, art. 413-2). */
const ADULT_AGE = 18;
const MINOR_APPLICANT_AGE = 16;

const REASONS: Readonly<Record<RequiredWhen, string>> = {
  always: 'Pièce demandée pour toute demande.',
  minorNotEmancipated: 'Pièce demandée car le demandeur est mineur et non émancipé.',
  minorEmancipated: 'Pièce demandée car le demandeur est mineur (entre 16 et 18 ans) et émancipé.',
};

/**
 * Minor = under 18 on `asOf`, birthday included (see dates/age.ts for 29 February). The
 * « mineur (+16 ans) émancipé » flag counts from 16 only, since emancipation is not possible
 * before; an applicant under 16 (the procedure is meant for 16 and over) is treated as a
 * non-emancipated minor, so the legal representative's consent is still asked for.
 */
function applies(when: RequiredWhen, applicant: ApplicantFacts, asOf: IsoDate): boolean {
  const age = ageOn(applicant.birthDate, asOf);
  const minor = age < ADULT_AGE;
  const emancipated = minor && age >= MINOR_APPLICANT_AGE && applicant.emancipatedMinor;
  switch (when) {
    case 'always':
      return true;
    case 'minorNotEmancipated':
      return minor && !emancipated;
    case 'minorEmancipated':
      return emancipated;
  }
}

/** The documents this applicant must provide for this procedure on `asOf` (the submission date), in the form's order. */
export function requiredDocuments(
  procedure: Procedure,
  applicant: ApplicantFacts,
  asOf: IsoDate,
): RequiredDocument[] {
  return procedure.documents
    .filter((document) => applies(document.required.when, applicant, asOf))
    .map(({ key, label, input, required }) => ({
      key,
      label,
      input,
      reason: REASONS[required.when],
    }));
}

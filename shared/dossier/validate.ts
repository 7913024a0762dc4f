import type { z } from 'zod';
import { isBefore, isIsoDate, type IsoDate } from '../dates/calendar-date';
import { requiredDocuments } from '../documents/requirements';
import {
  documentNotInProcedure,
  invalidField,
  missingDocument,
  missingEphoto,
  type DomainError,
} from '../errors';
import { isProcedureKey, PROCEDURES } from '../procedures/catalogue';
import { DOCUMENTS, type DocumentKey } from '../procedures/documents';
import { UNION_SITUATIONS } from './family-situation';
import { frenchFallback, issuesToErrors } from './issues';
import { MOTIVE_DATES } from './motive-step';
import {
  stepSchemas,
  submittedDossierSchema,
  type StepKey,
  type SubmittedDossier,
} from './submitted-dossier';

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: DomainError[] };

type StepOutput<K extends StepKey> = z.output<ReturnType<typeof stepSchemas>[K]>;

/** What `asOf` means: the day (Paris) the step is saved or the dossier submitted. */
export type ValidationContext = { asOf: IsoDate };

/**
 * A step also knows the applicant's birth date when its caller does (the portal's, from the
 * national file): the motive step's dates are then judged against it already, not only at submission.
 */
export type StepContext = ValidationContext & { birthDate?: IsoDate };

/** One step on its own, as the portal saves it (« Votre saisie est sauvegardée à la validation de chaque étape »). */
export function validateStep<K extends StepKey>(
  step: K,
  data: unknown,
  { asOf, birthDate }: StepContext,
): Validation<StepOutput<K>> {
  const parsed = stepSchemas(asOf)[step].safeParse(data, { error: frenchFallback });
  const errors = [
    ...(parsed.success ? [] : issuesToErrors(parsed.error.issues, [step])),
    ...(step === 'motive' ? datesBeforeBirth(data, birthDate) : []),
  ];
  return parsed.success && errors.length === 0
    ? { ok: true, value: parsed.data as StepOutput<K> }
    : { ok: false, errors };
}

function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      current !== null && typeof current === 'object'
        ? (current as Record<string, unknown>)[key]
        : undefined,
    value,
  );
}

function isDocumentKey(key: string): key is DocumentKey {
  return Object.hasOwn(DOCUMENTS, key);
}

/**
 * Which documents this applicant had to give, judged on the raw input so that they are reported
 * even when other fields are invalid. Skips a document whose field already has an error.
 */
function documentErrors(
  input: unknown,
  asOf: IsoDate,
  known: readonly DomainError[],
): DomainError[] {
  const procedureKey = at(input, 'motive', 'procedure');
  const birthDate = at(input, 'personal', 'civilStatus', 'birthDate');
  if (!isProcedureKey(procedureKey) || !isIsoDate(birthDate)) return [];
  const procedure = PROCEDURES[procedureKey];
  const hasError = (field: string) =>
    known.some((e) => e.field === field || e.field?.startsWith(`${field}.`));
  const errors: DomainError[] = [];

  const applicant = {
    birthDate,
    emancipatedMinor: at(input, 'personal', 'civilStatus', 'emancipatedMinor') === true,
  };
  for (const document of requiredDocuments(procedure, applicant, asOf)) {
    if (document.input === 'ephoto') {
      const field = 'documents.ephoto';
      if (at(input, 'documents', 'ephoto') === undefined && !hasError(field))
        errors.push(missingEphoto(document.label, field));
    } else {
      const field = `documents.files.${document.key}`;
      const files = at(input, 'documents', 'files', document.key);
      const given = Array.isArray(files) && files.length > 0;
      if (!given && !hasError(field)) errors.push(missingDocument(document.label, field));
    }
  }

  const files = at(input, 'documents', 'files');
  const offered = new Set(procedure.documents.map((document) => document.key));
  for (const key of files !== null && typeof files === 'object' ? Object.keys(files) : []) {
    if (isDocumentKey(key) && !offered.has(key)) {
      errors.push(documentNotInProcedure(DOCUMENTS[key].label, `documents.files.${key}`));
    }
  }
  return errors;
}

/** `noun` starts the sentence, as in motive-step.ts: « La date d'entrée en France ». */
function notBeforeBirth(
  field: string,
  noun: string,
  date: unknown,
  birthDate: IsoDate,
): DomainError[] {
  return isIsoDate(date) && isBefore(date, birthDate)
    ? [invalidField(field, `${noun} ne peut pas être antérieure à la date de naissance.`)]
    : [];
}

/**
 * The motive step's dates cannot precede the birth date (step 1's). Judged on the raw step so that
 * they are reported along with its other issues; a union date only for a situation that has one,
 * since the schema drops it otherwise.
 */
function datesBeforeBirth(motive: unknown, birthDate: unknown): DomainError[] {
  if (!isIsoDate(birthDate)) return [];
  const family = at(motive, 'family');
  const situation = at(family, 'situation');
  const united = UNION_SITUATIONS.some((union) => union === situation);
  return [
    ...notBeforeBirth(
      'motive.entryDate',
      MOTIVE_DATES.entryDate.noun,
      at(motive, 'entryDate'),
      birthDate,
    ),
    ...(united
      ? notBeforeBirth(
          'motive.family.unionStartDate',
          MOTIVE_DATES.unionStartDate.noun,
          at(family, 'unionStartDate'),
          birthDate,
        )
      : []),
  ];
}

/** Rules that look at two steps at once. */
function crossStepErrors(input: unknown): DomainError[] {
  return datesBeforeBirth(at(input, 'motive'), at(input, 'personal', 'civilStatus', 'birthDate'));
}

/**
 * The whole dossier at submission: every missing or invalid item at once, each with its field
 * path, including the documents required for this applicant on `asOf` (the submission date).
 */
export function validateDossier(
  input: unknown,
  { asOf }: ValidationContext,
): Validation<SubmittedDossier> {
  const parsed = submittedDossierSchema(asOf).safeParse(input, { error: frenchFallback });
  const schemaErrors = parsed.success ? [] : issuesToErrors(parsed.error.issues);
  const errors = [
    ...schemaErrors,
    ...documentErrors(input, asOf, schemaErrors),
    ...crossStepErrors(input),
  ];
  if (parsed.success && errors.length === 0) return { ok: true, value: parsed.data };
  return { ok: false, errors };
}

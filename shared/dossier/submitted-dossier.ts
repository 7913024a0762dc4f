import { z } from 'zod';
import type { IsoDate } from '../dates/calendar-date';
import { depositStepSchema } from './deposit-step';
import { documentsStepSchema } from './documents-step';
import { motiveStepSchema } from './motive-step';
import { personalStepSchema } from './personal-step';

/** The four steps the portal saves one by one ('personal' | 'motive' | 'documents' | 'deposit'). */
export function stepSchemas(asOf: IsoDate) {
  return {
    personal: personalStepSchema,
    motive: motiveStepSchema(asOf),
    documents: documentsStepSchema,
    deposit: depositStepSchema,
  };
}

export type StepKey = keyof ReturnType<typeof stepSchemas>;

export const STEP_KEYS = [
  'personal',
  'motive',
  'documents',
  'deposit',
] as const satisfies readonly StepKey[];

/**
 * The dossier as submitted: the four steps together. Shape and field rules only; the documents
 * required for this applicant and the checks across steps are in validate.ts.
 */
export function submittedDossierSchema(asOf: IsoDate) {
  const steps = stepSchemas(asOf);
  return z.object(
    { ...steps, deposit: steps.deposit.default({ observations: '' }) },
    {
      error:
        'La demande doit être un objet comportant les étapes personal, motive, documents et deposit.',
    },
  );
}

export type SubmittedDossier = z.output<ReturnType<typeof submittedDossierSchema>>;
/** What a client sends (before normalisation: phone as typed, e-photo in lower case…). */
export type SubmittedDossierInput = z.input<ReturnType<typeof submittedDossierSchema>>;

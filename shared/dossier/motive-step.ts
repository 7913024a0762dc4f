import { z } from 'zod';
import type { IsoDate } from '../dates/calendar-date';
import { PROCEDURE_KEYS } from '../procedures/catalogue';
import { OTHER_SITUATIONS, UNION_SITUATIONS } from './family-situation';
import { pastDateField, requiredText } from './fields';

/** « ATTESTATION SUR L'HONNEUR »: both boxes must be ticked (texts word for word from the form). */
export const HONOUR_ATTESTATION_INTRO = "En cochant les cases suivantes, j'atteste sur l'honneur :";
export const HONOUR_ATTESTATIONS = {
  needsPermitToWork:
    "Avoir besoin de disposer d'un titre afin de pouvoir travailler ou faire un stage.",
  awareOfPenalties:
    "Avoir connaissance des sanctions pénales encourues par l'auteur d'une fausse attestation.",
} as const;

function ticked(text: string) {
  return z.literal(true, { error: `Veuillez cocher la case « ${text} »` });
}

const FAMILY_MISSING = 'Veuillez indiquer votre situation familiale.';

/** The step's dates as the form names them: `label` for « Le champ « … » », `noun` to start a sentence. */
export const MOTIVE_DATES = {
  entryDate: { label: "Date d'entrée en France", noun: "La date d'entrée en France" },
  unionStartDate: { label: "Date de début de l'union", noun: "La date de début de l'union" },
} as const;

/**
 * Step 2 « Motif de séjour » and « Liens personnels et familiaux ». Dates cannot be after `asOf`
 * (the day the step is saved or the dossier submitted), hence a schema per date.
 */
export function motiveStepSchema(asOf: IsoDate) {
  return z.object(
    {
      procedure: z.enum(PROCEDURE_KEYS, { error: 'Le motif de séjour est inconnu.' }),
      entryDate: pastDateField(MOTIVE_DATES.entryDate.label, MOTIVE_DATES.entryDate.noun, asOf),
      // A union is described only for married or pacsed applicants; one object per case keeps every other issue reported.
      family: z.discriminatedUnion(
        'situation',
        [
          z.object({ situation: z.enum(OTHER_SITUATIONS) }),
          z.object({
            situation: z.enum(UNION_SITUATIONS),
            unionStartDate: pastDateField(
              MOTIVE_DATES.unionStartDate.label,
              MOTIVE_DATES.unionStartDate.noun,
              asOf,
            ),
            unionCountry: requiredText("Pays de l'union", 100),
          }),
        ],
        { error: FAMILY_MISSING },
      ),
      hasDependentChildren: z.boolean({
        error: 'Veuillez indiquer si vous avez des enfants à votre charge.',
      }),
      honourAttestations: z.object(
        {
          needsPermitToWork: ticked(HONOUR_ATTESTATIONS.needsPermitToWork),
          awareOfPenalties: ticked(HONOUR_ATTESTATIONS.awareOfPenalties),
        },
        { error: "L'attestation sur l'honneur est obligatoire." },
      ),
    },
    { error: "L'étape « Motif de séjour » n'est pas renseignée." },
  );
}

export type MotiveStep = z.output<ReturnType<typeof motiveStepSchema>>;

import { z } from 'zod';

/** Room for a few paragraphs, including the civil-status corrections the applicant reports here. */
export const OBSERVATIONS_MAX_LENGTH = 4000;

/** Step 4 « Dépôt de la demande »: only the free text « Observations à destination de l'administration ». */
export const depositStepSchema = z.object(
  {
    observations: z
      .string({
        error: "Le champ « Observations à destination de l'administration » doit être un texte.",
      })
      .trim()
      .max(OBSERVATIONS_MAX_LENGTH, {
        error: `Le champ « Observations à destination de l'administration » ne doit pas dépasser ${OBSERVATIONS_MAX_LENGTH} caractères.`,
      })
      .nullish()
      .transform((text) => text ?? ''),
  },
  { error: "L'étape « Dépôt de la demande » n'est pas renseignée." },
);

export type DepositStep = z.output<typeof depositStepSchema>;

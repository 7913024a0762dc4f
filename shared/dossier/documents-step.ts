import { z } from 'zod';
import { checkEphotoConfirmation, checkEphotoCode } from '../identifiers/ephoto';
import { FILE_DOCUMENT_KEYS } from '../procedures/documents';
import { addDomainIssue, checkedText } from './fields';
import { documentFilesSchema } from './files';

/**
 * Step 3 « Justificatifs »: the e-photo number typed twice, and 1 to 3 files per document. Which
 * documents are required depends on the procedure and on the applicant's age: validate.ts checks
 * that with documents/requirements.ts, so here every document is optional.
 */
export const documentsStepSchema = z.object(
  {
    ephoto: z
      .object(
        {
          code: checkedText('Numéro ephoto', checkEphotoCode),
          confirmation: z.string({
            error: 'Le champ « Confirmer le numéro ephoto » est obligatoire.',
          }),
        },
        { error: 'Veuillez renseigner le numéro ephoto et sa confirmation.' },
      )
      .superRefine(({ code, confirmation }, ctx) => {
        const checked = checkEphotoConfirmation(code, confirmation);
        if (!checked.ok) addDomainIssue(ctx, checked.error, ['confirmation']);
      })
      .optional(),
    files: z
      .partialRecord(z.enum(FILE_DOCUMENT_KEYS), documentFilesSchema, {
        // Zod reports keys outside the enum as 'unrecognized_keys', which its issue type for records omits.
        error: (issue) => {
          const { keys } = issue as { keys?: readonly string[] };
          return keys
            ? `Justificatif inconnu : ${keys.join(', ')}.`
            : 'Les justificatifs doivent être rangés par type de pièce.';
        },
      })
      .default({}),
  },
  { error: "L'étape « Justificatifs » n'est pas renseignée." },
);

export type DocumentsStep = z.output<typeof documentsStepSchema>;

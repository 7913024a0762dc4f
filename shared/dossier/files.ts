import { z } from 'zod';
import { checkFile, MAX_FILES_PER_DOCUMENT } from '../documents/file-rules';
import { noFile, tooManyFiles } from '../errors';
import { addDomainIssue, requiredText } from './fields';

/**
 * A file as stored by the portal (content-addressed): the mime is the one detected from the bytes
 * at upload (POST /files), so the format rule judges the content, not the name.
 */
export const fileRefSchema = z
  .object(
    {
      sha256: z
        .string({ error: "L'empreinte SHA-256 du fichier est obligatoire." })
        .regex(/^[0-9a-fA-F]{64}$/, {
          error: "L'empreinte SHA-256 du fichier doit comporter 64 caractères hexadécimaux.",
        })
        .transform((hash) => hash.toLowerCase()),
      name: requiredText('Nom du fichier', 255),
      size: z
        .number({ error: 'La taille du fichier (en octets) est obligatoire.' })
        .int({ error: "La taille du fichier doit être un nombre entier d'octets." }),
      mime: z.string({ error: 'Le type du fichier est obligatoire.' }),
    },
    { error: 'Chaque fichier doit être décrit par son empreinte, son nom, sa taille et son type.' },
  )
  .superRefine((file, ctx) => {
    const checked = checkFile({ name: file.name, size: file.size, detectedMime: file.mime });
    if (!checked.ok)
      addDomainIssue(ctx, checked.error, [checked.error.code === 'file_format' ? 'mime' : 'size']);
  });

export type FileRef = z.output<typeof fileRefSchema>;

/** The files of one document: 1 to 3. Also what a supplement answer « Mettre à jour le document » carries. */
export const documentFilesSchema = z
  .array(fileRefSchema, {
    error: 'Les fichiers du justificatif doivent être fournis sous forme de liste.',
  })
  .min(1, { error: noFile().message })
  .max(MAX_FILES_PER_DOCUMENT, { error: tooManyFiles(MAX_FILES_PER_DOCUMENT).message });

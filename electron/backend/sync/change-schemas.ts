import { z } from 'zod';
import { APPLICATION_STATUSES } from '../../../shared/workflow/statuses';

// What the workstation accepts from the portal's change log. The portal is trusted for its
// meaning, not for its bytes: a change that does not have this shape stops the pull before
// anything of its page is written, with a message naming it.

const instant = z.iso.datetime({ offset: true, error: 'instant ISO 8601 attendu' });
const applicationNumber = z.string().regex(/^\d{19}$/, { error: 'numéro de demande invalide' });

export const fileRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'empreinte SHA-256 invalide' }),
  name: z.string(),
  size: z.number().int().nonnegative(),
  mime: z.string().min(1),
});

export const changeSchema = z.object({
  seq: z.number().int().positive(),
  type: z.string().min(1),
  applicationNumber,
  version: z.number().int().nonnegative(),
  at: instant,
  data: z.record(z.string(), z.unknown()),
});

export const pageSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string().regex(/^\d+$/).nullable(),
  hasMore: z.boolean(),
  resetRequired: z.boolean().optional().default(false),
});

export const submittedSchema = z.looseObject({
  procedure: z.string().min(1),
  foreignerNumber: z.string().min(1),
  applicantName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  submittedAt: instant,
  serviceCode: z.string().min(1),
  assignedAgentId: z.string().min(1).nullable(),
  documents: z.array(
    z.looseObject({
      documentKey: z.string().min(1),
      version: z.number().int().positive(),
      files: z.array(fileRefSchema),
    }),
  ),
  files: z.array(fileRefSchema),
  dossier: z.looseObject({
    personal: z
      .looseObject({
        civilStatus: z.looseObject({ nationality: z.string().optional() }).optional(),
      })
      .optional(),
  }),
});

export const updatedSchema = z.looseObject({
  event: z.string().min(1),
  status: z.enum(APPLICATION_STATUSES),
  assignedAgentId: z.string().min(1).nullable(),
  updatedAt: instant,
  attestation: fileRefSchema.optional(),
  payload: z.looseObject({ validTo: z.string().optional() }).optional(),
});

export const notificationReadSchema = z.looseObject({
  supplementDeadline: z.iso.date().optional(),
});

export const supplementAnsweredSchema = z.looseObject({
  answeredAt: instant,
  answers: z.array(
    z.discriminatedUnion('action', [
      z.looseObject({ documentKey: z.string().min(1), action: z.literal('maintain') }),
      z.looseObject({
        documentKey: z.string().min(1),
        action: z.literal('update'),
        message: z.string().optional(),
        documentVersion: z.number().int().positive(),
        files: z.array(fileRefSchema).min(1),
      }),
    ]),
  ),
});

export type Change = z.infer<typeof changeSchema>;
export type ChangesPage = z.infer<typeof pageSchema>;
export type FileRef = z.infer<typeof fileRefSchema>;

import { z } from 'zod';
import { STEP_KEYS } from '../../shared/dossier/submitted-dossier';
import { PROCEDURE_KEYS } from '../../shared/procedures/catalogue';
import { displayNameOf } from '../accounts/national-file';
import { newPasswordSchema } from '../auth/password-policy';
import { applicantProcedure, publicProcedure, router } from '../trpc';
import { credentialsSchema, idSchema } from './inputs';

const SHA256 = /^[0-9a-fA-F]{64}$/;

const applicationInput = z.object({ applicationId: idSchema("L'identifiant de la demande") });

const answerSchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      documentKey: z.string({ error: 'Le justificatif concerné est obligatoire.' }),
      action: z.literal('maintain'),
      reason: z
        .string({ error: 'Veuillez préciser les raisons du maintien du document.' })
        .trim()
        .min(1, { error: 'Veuillez préciser les raisons du maintien du document.' })
        .max(2000, { error: 'Les raisons du maintien ne doivent pas dépasser 2000 caractères.' }),
    }),
    z.object({
      documentKey: z.string({ error: 'Le justificatif concerné est obligatoire.' }),
      action: z.literal('update'),
      files: z
        .array(
          z.string().regex(SHA256, {
            error: "L'empreinte SHA-256 du fichier doit comporter 64 caractères hexadécimaux.",
          }),
          { error: 'Joignez au moins un fichier pour mettre à jour le document.' },
        )
        .min(1, { error: 'Joignez au moins un fichier pour mettre à jour le document.' })
        .max(3, { error: 'Vous pouvez joindre 3 fichiers au maximum par justificatif.' }),
      message: z
        .string()
        .trim()
        .max(2000, { error: 'Le message à l’agent ne doit pas dépasser 2000 caractères.' })
        .optional(),
    }),
  ],
  { error: 'Choisissez « Maintenir le document » ou « Mettre à jour le document ».' },
);

export const applicantRouter = router({
  /** « Valider mon mot de passe »: the password chosen through the e-mailed link (valid 24 h, once). */
  activate: publicProcedure
    .input(
      z.object({
        token: z
          .string({ error: 'Le lien de confirmation est incomplet.' })
          .min(1, { error: 'Le lien de confirmation est incomplet.' })
          .max(200, { error: 'Le lien de confirmation est invalide.' }),
        password: newPasswordSchema,
      }),
    )
    .mutation(({ ctx, input }) => ctx.portal.accounts.activate(input.token, input.password)),

  /** The login is the e-mail address or the foreigner number. */
  login: publicProcedure
    .input(credentialsSchema)
    .mutation(({ ctx, input }) => ctx.portal.accounts.applicantLogin(input.login, input.password)),

  logout: applicantProcedure.mutation(({ ctx }) => {
    ctx.portal.sessions.close(ctx.token);
    return { ok: true as const };
  }),

  /** The account and the civil status held by the national file (read-only in the form). */
  me: applicantProcedure.query(({ ctx: { applicant } }) => ({
    foreignerNumber: applicant.foreignerNumber,
    email: applicant.email,
    displayName: displayNameOf(applicant.civilStatus),
    civilStatus: applicant.civilStatus,
  })),

  applications: router({
    create: applicantProcedure
      .input(
        z.object({
          procedure: z.enum(PROCEDURE_KEYS, { error: 'Le motif de séjour est inconnu.' }),
        }),
      )
      .mutation(({ ctx, input }) => ctx.portal.applications.create(ctx.applicant, input.procedure)),

    saveStep: applicantProcedure
      .input(
        z.object({
          applicationId: idSchema("L'identifiant de la demande"),
          step: z.enum(STEP_KEYS, {
            error: "L'étape doit valoir personal, motive, documents ou deposit.",
          }),
          data: z.unknown(),
        }),
      )
      .mutation(({ ctx, input }) =>
        ctx.portal.applications.saveStep(
          ctx.applicant,
          input.applicationId,
          input.step,
          input.data,
        ),
      ),

    get: applicantProcedure
      .input(applicationInput)
      .query(({ ctx, input }) => ctx.portal.applications.get(ctx.applicant, input.applicationId)),

    submit: applicantProcedure
      .input(applicationInput)
      .mutation(({ ctx, input }) =>
        ctx.portal.applications.submit(ctx.applicant, input.applicationId),
      ),

    /** « Mes demandes en cours ». */
    list: applicantProcedure.query(({ ctx }) => ctx.portal.applications.list(ctx.applicant)),
  }),

  notifications: router({
    /** « Mes Notifications », newest first. */
    list: applicantProcedure.query(({ ctx }) => ctx.portal.notifications.list(ctx.applicant)),

    /** Opening is the acknowledgment of receipt: the first one sets readAt (a mutation, since it writes). */
    open: applicantProcedure
      .input(z.object({ id: idSchema("L'identifiant de la notification") }))
      .mutation(({ ctx, input }) => ctx.portal.notifications.open(ctx.applicant, input.id)),
  }),

  supplements: router({
    /** « Valider et envoyer »: one answer per requested document; accepted once. */
    answer: applicantProcedure
      .input(
        z.object({
          notificationId: idSchema("L'identifiant de la notification"),
          answers: z
            .array(answerSchema, { error: 'Les réponses doivent être une liste.' })
            .min(1, { error: 'Répondez pour chaque justificatif demandé.' })
            .max(20, { error: 'Trop de réponses.' }),
        }),
      )
      .mutation(({ ctx, input }) =>
        ctx.portal.supplements.answer(ctx.applicant, input.notificationId, input.answers),
      ),
  }),
});

import { z } from 'zod';
import { COMMENT_MAX } from '../signature/signature-service';
import { REASON_MAX } from '../supervision/supervision-service';
import { router, supervisorProcedure } from '../trpc';

const applicationNumber = z
  .string()
  .regex(/^\d{19}$/, { error: 'Le numéro de la demande comporte 19 chiffres.' });

/** The supervisor's workspace (electron/backend/supervision): refused to agents, and logged. */
export const supervisionRouter = router({
  /** Per agent: open, waiting for the applicant, overdue, expiring, implicit rejection passed; ages; weekly counts. */
  overview: supervisorProcedure.query(({ ctx }) => ctx.backend.supervision.overview(ctx.agent)),

  /** Gives dossiers to a named agent of the service, with a reason, through the outbox. */
  reassign: supervisorProcedure
    .input(
      z.object({
        applicationNumbers: z
          .array(applicationNumber)
          .min(1, { error: 'Choisissez au moins un dossier à réattribuer.' })
          .max(500, { error: 'Réattribuez au plus 500 dossiers à la fois.' }),
        agentId: z.string({ error: "Choisissez l'agent à qui attribuer les dossiers." }).min(1, {
          error: "Choisissez l'agent à qui attribuer les dossiers.",
        }),
        reason: z
          .string({ error: 'Le motif de la réattribution est obligatoire.' })
          .trim()
          .min(1, { error: 'Le motif de la réattribution est obligatoire.' })
          .max(REASON_MAX, {
            error: `Le motif compte au plus ${REASON_MAX} caractères.`,
          }),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.backend.supervision.reassign(
        ctx.agent,
        input.applicationNumbers,
        input.agentId,
        input.reason,
      ),
    ),

  /** The service's decisions waiting for the supervisor's signature (« À signer »). */
  toSign: supervisorProcedure.query(({ ctx }) => ctx.backend.signatures.toSign(ctx.agent)),

  /** Signs a waiting decision: the portal issues it to the applicant at the next sync. */
  approve: supervisorProcedure
    .input(
      z.object({
        applicationNumber,
        decisionId: z.string().min(1),
        comment: z
          .string()
          .max(COMMENT_MAX, { error: `Le commentaire compte au plus ${COMMENT_MAX} caractères.` })
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.backend.signatures.approve(
        ctx.agent,
        input.applicationNumber,
        input.decisionId,
        input.comment,
      ),
    ),

  /** Sends a waiting decision back to its author, with what to change. */
  returnDecision: supervisorProcedure
    .input(
      z.object({
        applicationNumber,
        decisionId: z.string().min(1),
        comment: z
          .string({ error: "Dites à l'agent ce qu'il faut revoir." })
          .trim()
          .min(1, { error: "Dites à l'agent ce qu'il faut revoir." })
          .max(COMMENT_MAX, { error: `Le commentaire compte au plus ${COMMENT_MAX} caractères.` }),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.backend.signatures.returnDecision(
        ctx.agent,
        input.applicationNumber,
        input.decisionId,
        input.comment,
      ),
    ),
});

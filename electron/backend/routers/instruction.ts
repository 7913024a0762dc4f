import { z } from 'zod';
import { EXPIRY_WARNING_DAYS } from '../../../shared/dates/deadlines';
import { MOTIVATION_TEMPLATES } from '../../../shared/texts/motivation-templates';
import type { PublicAgent } from '../auth/auth-service';
import type { Instruction } from '../instruction/instruction-service';
import { agentProcedure, router } from '../trpc';
import { passiveAgentProcedure } from './auth';

const applicationNumber = z
  .string()
  .regex(/^\d{19}$/, { error: 'Le numéro de la demande comporte 19 chiffres.' });
const dossier = z.object({ applicationNumber });
/** The hash of the attestation the agent previewed, and confirms. */
const confirmed = dossier.extend({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { error: "Prévisualisez l'attestation avant de la délivrer." }),
});

/** A mutation on one dossier, handed to the instruction service for the session's agent. */
const onDossier = <T>(
  run: (instruction: Instruction, agent: PublicAgent, applicationNumber: string) => T,
) =>
  agentProcedure
    .input(dossier)
    .mutation(({ ctx, input }) => run(ctx.backend.instruction, ctx.agent, input.applicationNumber));

/** The same for the actions that confirm a previewed attestation by its hash. */
const onPreviewed = <T>(
  run: (
    instruction: Instruction,
    agent: PublicAgent,
    applicationNumber: string,
    sha256: string,
  ) => T,
) =>
  agentProcedure
    .input(confirmed)
    .mutation(({ ctx, input }) =>
      run(ctx.backend.instruction, ctx.agent, input.applicationNumber, input.sha256),
    );

/** Prolongations, decisions and closures, with their attestations (electron/backend/instruction). */
export const instructionRouter = router({
  /** What blocks a favourable decision, the implicit-rejection date, the other actions open. */
  checks: agentProcedure
    .input(dossier)
    .query(({ ctx, input }) => ctx.backend.instruction.checks(ctx.agent, input.applicationNumber)),

  /** Renders the prolongation attestation issued today, for the viewer (`dossier.fileLink`). */
  previewProlongation: onDossier((instruction, agent, number) =>
    instruction.previewProlongation(agent, number),
  ),

  issueProlongation: onPreviewed((instruction, agent, number, sha256) =>
    instruction.issueProlongation(agent, number, sha256),
  ),

  previewFavorable: onDossier((instruction, agent, number) =>
    instruction.previewFavorable(agent, number),
  ),

  decideFavorable: onPreviewed((instruction, agent, number, sha256) =>
    instruction.decideFavorable(agent, number, sha256),
  ),

  decideUnfavorable: agentProcedure
    .input(
      dossier.extend({
        motivation: z
          .string({ error: 'La motivation est obligatoire.' })
          .trim()
          .min(10, { error: 'La motivation est obligatoire (10 caractères au moins).' })
          .max(4000, { error: 'Motivation trop longue (4 000 caractères au plus).' }),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.backend.instruction.decideUnfavorable(
        ctx.agent,
        input.applicationNumber,
        input.motivation,
      ),
    ),

  /** « Commencer l'instruction »: decisions are taken on a dossier under review. */
  startReview: onDossier((instruction, agent, number) => instruction.startReview(agent, number)),

  closeWithdrawn: onDossier((instruction, agent, number) =>
    instruction.closeWithdrawn(agent, number),
  ),

  /** Only once the 30 days to answer the supplement request are over. */
  closeIncomplete: onDossier((instruction, agent, number) =>
    instruction.closeIncomplete(agent, number),
  ),

  /** The service's open dossiers whose prolongation attestation ends within N days (or has ended). */
  expiringProlongations: agentProcedure
    .input(
      z.object({
        withinDays: z
          .number()
          .int({ error: 'Le nombre de jours doit être entier.' })
          .min(0, { error: 'Le nombre de jours ne peut pas être négatif.' })
          .max(365, { error: 'Choisissez au plus 365 jours.' })
          .default(EXPIRY_WARNING_DAYS),
      }),
    )
    .query(({ ctx, input }) =>
      ctx.backend.instruction.expiringProlongations(ctx.agent, input.withinDays),
    ),

  /** Starts a batch renewal in the background; poll `renewalProgress` with its jobId. */
  renewProlongations: agentProcedure
    .input(
      z.object({
        applicationNumbers: z
          .array(applicationNumber)
          .min(1, { error: 'Choisissez au moins un dossier à renouveler.' })
          .max(5000, { error: 'Renouvelez au plus 5 000 dossiers à la fois.' }),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.backend.instruction.renewProlongations(ctx.agent, input.applicationNumbers),
    ),

  // Polled while the page shows the job: it is not the agent's activity, the session may lock.
  renewalProgress: passiveAgentProcedure
    .input(z.object({ jobId: z.uuid({ error: 'Identifiant de renouvellement invalide.' }) }))
    .query(({ ctx, input }) => ctx.backend.instruction.renewalProgress(ctx.agent, input.jobId)),

  /** Motivations to start an unfavourable decision from (shared/texts/motivation-templates.ts). */
  motivationTemplates: agentProcedure.query(() => MOTIVATION_TEMPLATES),
});

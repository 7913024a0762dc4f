import { z } from 'zod';
import { OBSERVATION_MAX } from '../supplement/supplement-service';
import { agentProcedure, router } from '../trpc';

const applicationNumber = z
  .string()
  .regex(/^\d{19}$/, { error: 'Le numéro de la demande comporte 19 chiffres.' });
const dossier = z.object({ applicationNumber });
/** One observation per document; the service checks the documents against the dossier. */
const request = dossier.extend({
  items: z
    .array(
      z.object({
        documentKey: z.string().min(1).max(40),
        observation: z.string({ error: "L'observation est obligatoire." }).max(OBSERVATION_MAX, {
          error: `L'observation ne doit pas dépasser ${OBSERVATION_MAX} caractères.`,
        }),
      }),
    )
    .min(1, { error: 'Indiquez au moins un justificatif à compléter.' })
    .max(20, { error: 'Une demande porte sur 20 justificatifs au plus.' }),
});

/** Supplement requests: draft, preview, send, amend or withdraw while unread (electron/backend/supplement). */
export const supplementRouter = router({
  /** The draft from « À compléter » verdicts, the requests sent and where the applicant stands. */
  state: agentProcedure
    .input(dossier)
    .query(({ ctx, input }) => ctx.backend.supplements.state(ctx.agent, input.applicationNumber)),

  /**
   * The notification exactly as the applicant will read it. Nothing is stored; a mutation only so
   * that long observations travel in the body, not in a URL.
   */
  preview: agentProcedure
    .input(request)
    .mutation(({ ctx, input }) =>
      ctx.backend.supplements.preview(ctx.agent, input.applicationNumber, input.items),
    ),

  send: agentProcedure
    .input(request)
    .mutation(({ ctx, input }) =>
      ctx.backend.supplements.send(ctx.agent, input.applicationNumber, input.items),
    ),

  amend: agentProcedure
    .input(request)
    .mutation(({ ctx, input }) =>
      ctx.backend.supplements.amend(ctx.agent, input.applicationNumber, input.items),
    ),

  withdraw: agentProcedure
    .input(dossier)
    .mutation(({ ctx, input }) =>
      ctx.backend.supplements.withdraw(ctx.agent, input.applicationNumber),
    ),
});

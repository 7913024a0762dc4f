import { z } from 'zod';
import { dossierView } from '../review/dossier-view';
import { serviceDossier } from '../review/service-dossier';
import { agentProcedure, router } from '../trpc';
import { UserFacingError } from '../errors';
import type { Backend } from '../backend';
import type { PublicAgent } from '../auth/auth-service';

const applicationNumber = z
  .string()
  .regex(/^\d{19}$/, { error: 'Le numéro de la demande comporte 19 chiffres.' });
const documentKey = z.string().min(1).max(40);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'Empreinte de fichier invalide.' });
const fraction = z.number().min(0).max(1);

/** The dossier must be on this workstation and of the agent's service. */
function checkDossier(backend: Backend, agent: PublicAgent, number: string): void {
  serviceDossier(backend.applications, agent, number);
}

/** The dossier view and the agent's review work on it (kept on this workstation). */
export const dossierRouter = router({
  get: agentProcedure
    .input(z.object({ applicationNumber }))
    .query(({ ctx, input }) =>
      dossierView(ctx.backend, ctx.agent, input.applicationNumber, ctx.backend.sync.portalNow()),
    ),

  /** A short-lived link the viewer fetches the file's bytes from (same origin as the renderer). */
  fileLink: agentProcedure.input(z.object({ sha256 })).mutation(({ ctx, input }) => {
    const { token, expiresAt } = ctx.backend.fileLinks.issue(ctx.agent, input.sha256);
    return {
      url: `/local-files/${token}`,
      expiresAt,
      rotations: ctx.backend.review.rotationsOf(input.sha256),
    };
  }),

  addNote: agentProcedure
    .input(
      z.object({
        applicationNumber,
        documentKey: documentKey.nullable().default(null),
        text: z
          .string()
          .trim()
          .min(1, { error: 'La note est vide.' })
          .max(5000, { error: 'Note trop longue (5 000 caractères au plus).' }),
      }),
    )
    .mutation(({ ctx, input }) => {
      checkDossier(ctx.backend, ctx.agent, input.applicationNumber);
      return ctx.backend.review.addNote({ ...input, agentId: ctx.agent.id });
    }),

  editNote: agentProcedure
    .input(z.object({ id: z.number().int().positive(), text: z.string().trim().min(1).max(5000) }))
    .mutation(({ ctx, input }) => {
      if (!ctx.backend.review.editNote(input.id, ctx.agent.id, input.text))
        throw new UserFacingError('FORBIDDEN', 'Seul son auteur peut modifier une note.');
      return { ok: true as const };
    }),

  removeNote: agentProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => {
      if (!ctx.backend.review.removeNote(input.id, ctx.agent.id))
        throw new UserFacingError('FORBIDDEN', 'Seul son auteur peut supprimer une note.');
      return { ok: true as const };
    }),

  addHighlight: agentProcedure
    .input(
      z
        .object({
          applicationNumber,
          documentKey,
          sha256,
          page: z.number().int().min(1),
          x: fraction,
          y: fraction,
          width: z.number().gt(0).max(1),
          height: z.number().gt(0).max(1),
          comment: z.string().trim().max(2000).default(''),
        })
        .refine((h) => h.x + h.width <= 1.000001 && h.y + h.height <= 1.000001, {
          error: 'La zone dépasse de la page.',
        }),
    )
    .mutation(({ ctx, input }) => {
      checkDossier(ctx.backend, ctx.agent, input.applicationNumber);
      return ctx.backend.review.addHighlight({ ...input, agentId: ctx.agent.id });
    }),

  removeHighlight: agentProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => {
      if (!ctx.backend.review.removeHighlight(input.id, ctx.agent.id))
        throw new UserFacingError('FORBIDDEN', 'Seul son auteur peut supprimer une zone.');
      return { ok: true as const };
    }),

  /** « Conforme », or « À compléter » with the observation the supplement request will carry. */
  setVerdict: agentProcedure
    .input(
      z.discriminatedUnion('verdict', [
        z.object({ applicationNumber, documentKey, verdict: z.literal('compliant') }),
        z.object({
          applicationNumber,
          documentKey,
          verdict: z.literal('incomplete'),
          observation: z
            .string()
            .trim()
            .min(1, { error: 'Précisez ce qui manque : le demandeur lira cette observation.' })
            .max(2000, { error: 'Observation trop longue (2 000 caractères au plus).' }),
        }),
      ]),
    )
    .mutation(({ ctx, input }) => {
      checkDossier(ctx.backend, ctx.agent, input.applicationNumber);
      const filed = ctx.backend.history
        .documentVersionsOf(input.applicationNumber)
        .some((version) => version.documentKey === input.documentKey);
      // A document never filed can be asked for (« À compléter »), not judged.
      if (input.verdict === 'compliant' && !filed)
        throw new UserFacingError(
          'BAD_REQUEST',
          'Aucun fichier à examiner : cette pièce n’a pas été fournie, elle ne peut pas être jugée conforme.',
        );
      return ctx.backend.review.setVerdict({
        ...input,
        observation: input.verdict === 'incomplete' ? input.observation : null,
        agentId: ctx.agent.id,
      });
    }),

  clearVerdict: agentProcedure
    .input(z.object({ applicationNumber, documentKey }))
    .mutation(({ ctx, input }) => {
      checkDossier(ctx.backend, ctx.agent, input.applicationNumber);
      return {
        cleared: ctx.backend.review.clearVerdict(input.applicationNumber, input.documentKey),
      };
    }),

  /** The viewer remembers each page's rotation, per file, on this workstation. */
  setRotation: agentProcedure
    .input(
      z.object({
        sha256,
        page: z.number().int().min(1),
        rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
      }),
    )
    .mutation(({ ctx, input }) => {
      ctx.backend.review.setRotation(input.sha256, input.page, input.rotation);
      return { ok: true as const };
    }),
});

import { z } from 'zod';
import { dossierView } from '../review/dossier-view';
import { serviceDossier } from '../review/service-dossier';
import { agentProcedure, router } from '../trpc';
import { UserFacingError } from '../errors';
import type { JsonObject } from '../../../db/json-column';
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

/** The changes of the review work the journal records, as `review.<action>`. */
type ReviewAction =
  | 'verdict'
  | 'verdict_cleared'
  | 'note_added'
  | 'note_edited'
  | 'note_deleted'
  | 'highlight_added'
  | 'highlight_deleted';

/**
 * Journals a change of the review work; call it inside `review.transaction` with the change.
 * The details are facts (which document, which verdict, which page), never the agent's text:
 * notes stay private to the workstation, observations and comments are not the journal's to keep.
 */
function recordReview(
  backend: Backend,
  agent: PublicAgent,
  action: ReviewAction,
  applicationNumber: string,
  details: JsonObject,
): void {
  backend.journal.record({
    actorId: agent.id,
    action: `review.${action}`,
    applicationNumber,
    details,
  });
}

/** A note's facts: its id, and its document unless it is on the whole dossier. */
const noteFacts = (note: { id: number; documentKey: string | null }): JsonObject => ({
  noteId: note.id,
  ...(note.documentKey !== null ? { documentKey: note.documentKey } : {}),
});

const highlightFacts = (highlight: { id: number; documentKey: string; page: number }) => ({
  highlightId: highlight.id,
  documentKey: highlight.documentKey,
  page: highlight.page,
});

/**
 * The dossier view and the agent's review work on it (kept on this workstation); each change of
 * that work is journaled with it, in the same transaction.
 */
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
      const { review } = ctx.backend;
      return review.transaction(() => {
        const note = review.addNote({ ...input, agentId: ctx.agent.id });
        recordReview(ctx.backend, ctx.agent, 'note_added', note.applicationNumber, noteFacts(note));
        return note;
      });
    }),

  editNote: agentProcedure
    .input(z.object({ id: z.number().int().positive(), text: z.string().trim().min(1).max(5000) }))
    .mutation(({ ctx, input }) => {
      const { review } = ctx.backend;
      return review.transaction(() => {
        const note = review.findNote(input.id);
        if (!note || !review.editNote(input.id, ctx.agent.id, input.text))
          throw new UserFacingError('FORBIDDEN', 'Seul son auteur peut modifier une note.');
        recordReview(
          ctx.backend,
          ctx.agent,
          'note_edited',
          note.applicationNumber,
          noteFacts(note),
        );
        return { ok: true as const };
      });
    }),

  removeNote: agentProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => {
      const { review } = ctx.backend;
      return review.transaction(() => {
        const note = review.findNote(input.id);
        if (!note || !review.removeNote(input.id, ctx.agent.id))
          throw new UserFacingError('FORBIDDEN', 'Seul son auteur peut supprimer une note.');
        recordReview(
          ctx.backend,
          ctx.agent,
          'note_deleted',
          note.applicationNumber,
          noteFacts(note),
        );
        return { ok: true as const };
      });
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
      const { review } = ctx.backend;
      return review.transaction(() => {
        const highlight = review.addHighlight({ ...input, agentId: ctx.agent.id });
        const facts = highlightFacts(highlight);
        recordReview(ctx.backend, ctx.agent, 'highlight_added', highlight.applicationNumber, facts);
        return highlight;
      });
    }),

  removeHighlight: agentProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => {
      const { review } = ctx.backend;
      return review.transaction(() => {
        const highlight = review.findHighlight(input.id);
        if (!highlight || !review.removeHighlight(input.id, ctx.agent.id))
          throw new UserFacingError('FORBIDDEN', 'Seul son auteur peut supprimer une zone.');
        const facts = highlightFacts(highlight);
        recordReview(
          ctx.backend,
          ctx.agent,
          'highlight_deleted',
          highlight.applicationNumber,
          facts,
        );
        return { ok: true as const };
      });
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
      const versions = ctx.backend.history
        .documentVersionsOf(input.applicationNumber)
        .filter((version) => version.documentKey === input.documentKey)
        .map((version) => version.version);
      const latest = versions.length > 0 ? Math.max(...versions) : null;
      // A document never filed can be asked for (« À compléter »), not judged.
      if (input.verdict === 'compliant' && latest === null)
        throw new UserFacingError(
          'BAD_REQUEST',
          'Aucun fichier à examiner : cette pièce n’a pas été fournie, elle ne peut pas être jugée conforme.',
        );
      const { review } = ctx.backend;
      return review.transaction(() => {
        const verdict = review.setVerdict({
          ...input,
          observation: input.verdict === 'incomplete' ? input.observation : null,
          agentId: ctx.agent.id,
          judgedVersion: latest,
        });
        // The version judged is the latest one; the observation stays out (facts only).
        recordReview(ctx.backend, ctx.agent, 'verdict', input.applicationNumber, {
          documentKey: input.documentKey,
          verdict: input.verdict,
          ...(latest !== null ? { version: latest } : {}),
        });
        return verdict;
      });
    }),

  clearVerdict: agentProcedure
    .input(z.object({ applicationNumber, documentKey }))
    .mutation(({ ctx, input }) => {
      checkDossier(ctx.backend, ctx.agent, input.applicationNumber);
      const { review } = ctx.backend;
      return review.transaction(() => {
        const cleared = review.clearVerdict(input.applicationNumber, input.documentKey);
        // Nothing was removed, nothing happened: no entry.
        if (cleared)
          recordReview(ctx.backend, ctx.agent, 'verdict_cleared', input.applicationNumber, {
            documentKey: input.documentKey,
          });
        return { cleared };
      });
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

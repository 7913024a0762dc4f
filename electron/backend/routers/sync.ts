import { z } from 'zod';
import { eventLabel } from '../../../shared/workflow/action-labels';
import type { OutboxEntry } from '../../../db/desktop/outbox-repository';
import type { Backend } from '../backend';
import type { PublicAgent } from '../auth/auth-service';
import { actionsSince } from '../review/history-entries';
import type { OutboxProblem } from '../sync/sync-status';
import { agentProcedure, router } from '../trpc';
import { passiveAgentProcedure } from './auth';

/** A conflict or rejection, with what others did to the dossier since the action's base version. */
function problemOf(backend: Backend, entry: OutboxEntry, agentId: string): OutboxProblem {
  const application = backend.applications.get(entry.applicationNumber);
  const otherActions = actionsSince(
    backend.history.eventsOf(entry.applicationNumber),
    entry.baseVersion,
  );
  return {
    id: entry.id,
    type: entry.type,
    typeLabel: eventLabel(entry.type),
    applicationNumber: entry.applicationNumber,
    applicantName: application?.applicantName ?? null,
    outcome: entry.state as OutboxProblem['outcome'],
    reason: entry.reason ?? '',
    at: entry.at,
    agentName: backend.agents.findById(entry.agentId)?.displayName ?? entry.agentId,
    mine: entry.agentId === agentId,
    baseVersion: entry.baseVersion,
    otherActions,
  };
}

/** The agent's own problems, and those on dossiers of their service. */
function visibleProblems(backend: Backend, agent: PublicAgent): OutboxEntry[] {
  return backend.outbox
    .problems()
    .filter(
      (entry) =>
        entry.agentId === agent.id ||
        backend.applications.get(entry.applicationNumber)?.serviceCode === agent.serviceCode,
    );
}

export const syncRouter = router({
  /**
   * Connection, last success, pending actions, problems, downloads: what the status bar shows.
   * Polled every few seconds, so passive: it never keeps an idle session unlocked.
   */
  status: passiveAgentProcedure.query(({ ctx }) => ({
    ...ctx.backend.sync.status(),
    // The same problems sync.problems lists for this agent.
    problems: visibleProblems(ctx.backend, ctx.agent).length,
  })),

  /** « Synchroniser »: runs a sync now and answers when it is done. */
  now: agentProcedure.mutation(async ({ ctx }) => {
    await ctx.backend.sync.syncNow();
    return ctx.backend.sync.status();
  }),

  /** The agent gives their password again so the workstation can sync (token expired, offline login). */
  reconnect: agentProcedure
    .input(z.object({ password: z.string().min(1, 'Saisissez votre mot de passe.').max(256) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.backend.auth.reconnect(ctx.agent.id, input.password);
      await ctx.backend.sync.syncNow();
      return ctx.backend.sync.status();
    }),

  /** The actions the portal refused or found in conflict, not resolved yet. */
  problems: agentProcedure.query(({ ctx }) =>
    visibleProblems(ctx.backend, ctx.agent).map((entry) =>
      problemOf(ctx.backend, entry, ctx.agent.id),
    ),
  ),

  /** Re-apply an action on the dossier as it is now, or drop it. */
  resolve: agentProcedure
    .input(z.object({ id: z.uuid(), choice: z.enum(['reapply', 'drop']) }))
    .mutation(({ ctx, input }) => {
      const entry = ctx.backend.actions.resolve(ctx.agent, input.id, input.choice);
      return { queued: entry?.id ?? null };
    }),
});

import { z } from 'zod';
import { APPLICATION_STATUSES } from '../../../shared/workflow/statuses';
import { agentProcedure, router } from '../trpc';

const queueFilter = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
  assignment: z.enum(['all', 'mine', 'unassigned']).default('all'),
});

export const queueRouter = router({
  /** The dossiers of the agent's own service, oldest submission first, with the assignee's name. */
  list: agentProcedure.input(queueFilter).query(({ ctx, input }) => {
    const { applications, agents } = ctx.backend;
    const { id, serviceCode } = ctx.agent;
    const names = new Map(
      agents.list({ serviceCode }).map((agent) => [agent.id, agent.displayName]),
    );
    const rows = applications.listQueue({
      serviceCode,
      status: input.status,
      assignedAgentId: { all: undefined, mine: id, unassigned: null }[input.assignment],
      limit: 500,
      offset: 0,
    });
    const markers = ctx.backend.outbox.markers(rows.map((row) => row.applicationNumber));
    return rows.map((row) => ({
      ...row,
      assigneeName: row.assignedAgentId ? (names.get(row.assignedAgentId) ?? null) : null,
      /** Actions on this dossier not yet sent to the portal (« en attente d'envoi »). */
      pendingActions: markers.get(row.applicationNumber)?.pending ?? 0,
      /** Actions on it the portal refused or found in conflict, not resolved yet. */
      syncProblems: markers.get(row.applicationNumber)?.problems ?? 0,
    }));
  }),

  /** « Prendre le dossier »: assigns it to the agent, through the outbox. */
  take: agentProcedure
    .input(
      z.object({ applicationNumber: z.string().regex(/^\d{19}$/, 'Numéro de demande invalide.') }),
    )
    .mutation(({ ctx, input }) => {
      const entry = ctx.backend.actions.enqueue(ctx.agent, 'assign', input.applicationNumber);
      return { id: entry.id, state: entry.state };
    }),
});

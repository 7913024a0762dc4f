import { z } from 'zod';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { APPLICATION_STATUSES } from '../../../shared/workflow/statuses';
import { agentProcedure, router } from '../trpc';
import { queueFiltersSchema, queuePageSchema } from './queue-input';

const queueFilter = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
  assignment: z.enum(['all', 'mine', 'unassigned']).default('all'),
});

export const queueRouter = router({
  /**
   * A page of one tab of the agent's service's queue, filtered, searched and sorted in SQLite,
   * with the total for the pager.
   */
  page: agentProcedure.input(queuePageSchema).query(({ ctx, input }) =>
    ctx.backend.queue.page({
      ...input,
      serviceCode: ctx.agent.serviceCode,
      agentId: ctx.agent.id,
      today: parisDateOf(ctx.backend.sync.portalNow()),
    }),
  ),

  /** The agent's saved filters on this workstation. */
  savedFilters: agentProcedure.query(({ ctx }) => ctx.backend.savedFilters.list(ctx.agent.id)),

  saveFilter: agentProcedure
    .input(
      z.object({
        name: z
          .string()
          .trim()
          .min(1, { error: 'Donnez un nom au filtre.' })
          .max(80, { error: 'Nom trop long (80 caractères au plus).' }),
        query: queuePageSchema.omit({ limit: true, offset: true }),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.backend.savedFilters.save(ctx.agent.id, input.name, input.query),
    ),

  deleteFilter: agentProcedure
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => ({
      deleted: ctx.backend.savedFilters.remove(ctx.agent.id, input.id),
    })),

  /** How many dossiers each tab holds, with the same filters and search. */
  counts: agentProcedure.input(queueFiltersSchema).query(({ ctx, input }) =>
    ctx.backend.queue.counts({
      ...input,
      serviceCode: ctx.agent.serviceCode,
      agentId: ctx.agent.id,
      today: parisDateOf(ctx.backend.sync.portalNow()),
    }),
  ),

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

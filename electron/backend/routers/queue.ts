import { z } from 'zod';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { agentProcedure, router } from '../trpc';
import { exportQueueView } from '../queue-export/export-view';
import { queueExportSchema, queueFiltersSchema, queuePageSchema } from './queue-input';

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

  /**
   * The whole current view as a file (CSV or XLSX), named after the tab whose title the agent
   * sees; the bytes travel as base64 in the JSON answer.
   */
  export: agentProcedure.input(queueExportSchema).query(async ({ ctx, input }) => {
    const { format, title, ...query } = input;
    const now = ctx.backend.sync.portalNow();
    const file = await exportQueueView(
      ctx.backend.queue,
      {
        ...query,
        serviceCode: ctx.agent.serviceCode,
        agentId: ctx.agent.id,
        today: parisDateOf(now),
      },
      format,
      { title, today: parisDateOf(now), now },
    );
    ctx.backend.journal.record({
      actorId: ctx.agent.id,
      action: 'queue.export',
      details: { format, tab: query.tab },
    });
    return {
      fileName: file.fileName,
      mime: file.mime,
      base64: Buffer.from(file.bytes).toString('base64'),
    };
  }),

  /** How many dossiers each tab holds, with the same filters and search. */
  counts: agentProcedure.input(queueFiltersSchema).query(({ ctx, input }) =>
    ctx.backend.queue.counts({
      ...input,
      serviceCode: ctx.agent.serviceCode,
      agentId: ctx.agent.id,
      today: parisDateOf(ctx.backend.sync.portalNow()),
    }),
  ),

  /** The service's active agents, for the Agent filter: the agent's own first, then by name. */
  agents: agentProcedure.query(({ ctx }) =>
    ctx.backend.agents
      .list({ serviceCode: ctx.agent.serviceCode })
      .filter((agent) => agent.disabledAt === null)
      .map(({ id, displayName }) => ({ id, displayName, me: id === ctx.agent.id }))
      .sort(
        (a, b) => Number(b.me) - Number(a.me) || a.displayName.localeCompare(b.displayName, 'fr'),
      ),
  ),

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

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
    return rows.map((row) => ({
      ...row,
      assigneeName: row.assignedAgentId ? (names.get(row.assignedAgentId) ?? null) : null,
    }));
  }),
});

import type { AgentRow } from '../../db/portal/agent-repository';
import type { PortalDeps } from '../deps';

export const MAX_CHANGES_PAGE = 500;

/**
 * The cursor is the `seq` of the last change returned, as decimal digits: opaque to clients, who
 * send back what they received. Starting over is `after: null`.
 */
export function cursorToSeq(cursor: string | null): number {
  return cursor === null ? 0 : Number(cursor);
}

/**
 * The agent's service's changes after the cursor, in the log's total order. A cursor beyond the
 * end of the log was not given by this log (the portal was restored from an older backup, or the
 * workstation points at another portal): the answer is then `resetRequired`, and the workstation
 * starts over from `after: null`.
 */
export function pullChanges(
  { repos }: Pick<PortalDeps, 'repos'>,
  agent: AgentRow,
  after: string | null,
  limit: number,
) {
  const afterSeq = cursorToSeq(after);
  if (afterSeq > repos.changes.lastSeq())
    return { changes: [], cursor: null, hasMore: false, resetRequired: true as const };
  const rows = repos.changes.pageOfService(agent.serviceCode, afterSeq, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    changes: page.map(({ seq, type, applicationNumber, version, at, data }) => ({
      seq,
      type,
      applicationNumber,
      version,
      at,
      data,
    })),
    cursor: last ? String(last.seq) : String(afterSeq),
    hasMore: rows.length > limit,
    resetRequired: false as const,
  };
}

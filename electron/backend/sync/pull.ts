import type Database from 'better-sqlite3';
import type { AgentRepository } from '../../../db/desktop/agent-repository';
import type { SyncStateRepository } from '../../../db/desktop/sync-state-repository';
import { portalCall, type PortalClient } from '../portal-link/portal-client';
import { agentIdsOf, applyChange, UnreadableChange, type ApplyDeps } from './apply-changes';
import { pageSchema, type ChangesPage } from './change-schemas';
import { refreshAgents } from './refresh-agents';

export const PULL_PAGE_SIZE = 500;

export interface PullDeps extends ApplyDeps {
  db: Database.Database;
  agents: AgentRepository;
  syncState: SyncStateRepository;
  /** Called between the steps of a pull; the fault tests stop the process there. */
  checkpoint?: (step: 'page-fetched' | 'page-applied') => void;
}

export interface PullReport {
  pages: number;
  changes: number;
  /** A full resync ran (the portal did not know the cursor, or another portal). */
  resynced: boolean;
  /** Dossiers removed because the portal no longer has them (after a resync). */
  removed: string[];
}

/**
 * Pulls the service's change log to its end. Each page and the cursor after it are written in
 * one transaction: a crash leaves the mirror at a page boundary, and the next pull resumes there.
 */
export async function pullChanges(
  deps: PullDeps,
  client: PortalClient,
  portalUrl: string,
): Promise<PullReport> {
  const report: PullReport = { pages: 0, changes: 0, resynced: false, removed: [] };
  let state = deps.syncState.get();
  if (state.portalUrl !== portalUrl) state = startResync(deps, portalUrl);
  report.resynced = state.resyncing;

  let prefetched: Promise<ChangesPage> | null = null;
  for (;;) {
    const page = await (prefetched ?? fetchPage(client, state.cursor));
    prefetched = null;
    deps.checkpoint?.('page-fetched');
    if (page.resetRequired) {
      if (state.cursor === null)
        throw new Error('Le portail demande une resynchronisation depuis le début sans fin.');
      state = startResync(deps, portalUrl);
      report.resynced = true;
      continue;
    }
    const unknown = [...agentIdsOf(page.changes)].filter((id) => !deps.agents.findById(id));
    if (unknown.length > 0) await refreshAgents(deps.agents, client);

    // The next page travels while this one is applied; it is used only if this one commits.
    if (page.hasMore && page.cursor !== null) {
      prefetched = fetchPage(client, page.cursor);
      prefetched.catch(() => undefined);
    }
    const write = { force: state.resyncing, generation: state.generation };
    deps.db.transaction(() => {
      for (const change of page.changes) applyChange(deps, change, write);
      if (page.cursor !== null) deps.syncState.saveCursor(page.cursor);
      if (!page.hasMore && state.resyncing) {
        report.removed = deps.applications.removeUnseen(state.generation);
        deps.syncState.finishResync();
      }
    })();
    deps.checkpoint?.('page-applied');
    report.pages += 1;
    report.changes += page.changes.length;
    state = deps.syncState.get();
    if (!page.hasMore) return report;
  }
}

function startResync(deps: PullDeps, portalUrl: string) {
  return deps.db.transaction(() => {
    deps.history.clearEvents();
    return deps.syncState.startResync(portalUrl);
  })();
}

async function fetchPage(client: PortalClient, after: string | null): Promise<ChangesPage> {
  const raw = await portalCall(() =>
    client.trpc.backoffice.changes.query({ after, limit: PULL_PAGE_SIZE }),
  );
  const parsed = pageSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '';
  const change = (raw as { changes?: unknown[] }).changes?.[Number(issue?.path[1])] as
    { seq?: number; type?: string; applicationNumber?: string } | undefined;
  if (change && issue?.path[0] === 'changes')
    throw new UnreadableChange(
      {
        seq: change.seq ?? 0,
        type: String(change.type),
        applicationNumber: String(change.applicationNumber),
      },
      `${where} : ${issue.message}`,
    );
  throw new Error(
    `Le portail a envoyé une page de modifications illisible (${where} : ${issue?.message}).`,
  );
}

import type Database from 'better-sqlite3';
import type { OutboxEntry, OutboxRepository } from '../../../db/desktop/outbox-repository';
import { portalCall, PortalFailure, type PortalClient } from '../portal-link/portal-client';
import type { AttestationUploads } from './attestation-uploads';
import type { PortalTokens } from './portal-tokens';

/** The portal takes at most this many mutations per call. */
export const PUSH_BATCH = 100;

export interface PushDeps {
  db: Database.Database;
  outbox: OutboxRepository;
  tokens: PortalTokens;
  /** A client that sends the given agent's token. */
  clientFor(token: string): PortalClient;
  /** The portal's current time as this workstation best knows it. */
  portalNow(): Date;
  /** Sends the attestations the actions name before the actions themselves. */
  uploads?: AttestationUploads;
  /** Called between the steps of a push; the fault tests stop the process there. */
  checkpoint?: (step: 'batch-sent' | 'batch-settled') => void;
}

export interface PushReport {
  sent: number;
  settled: number;
  /** Agents whose actions wait for them to log in again (no valid token). */
  waitingFor: string[];
  /**
   * Actions kept back, unsent, behind an earlier action on the same dossier that could not be
   * sent (its agent must log in again, or the portal refused the call): sent before it, they
   * would reach the portal out of order and fail on a version they were not made on.
   */
  heldBack: number;
  /** The portal's reason when it refused a call as a whole (throttled…): those actions wait. */
  refusal: string | null;
}

interface PushResult {
  id: string;
  outcome: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  version?: number;
  reason?: string;
}

/**
 * Sends the pending actions in the order they were made (`seq`), in batches of consecutive
 * actions of one agent, each with that agent's token: a dossier's actions reach the portal in
 * their order whoever made them, as their base versions expect (each counts every action
 * waiting before it on the dossier).
 *
 * An action that cannot be sent — its agent has no valid token, or the portal refused the call
 * as a whole — stays pending, and so do its agent's later actions and every later action on the
 * same dossier; the others go on. A conflict or a rejection settles its action and the next ones
 * go on. A network error (or a 5xx) stops the push: the actions stay pending and are sent again
 * later with the same ids (the portal answers a repeated id with its first outcome).
 */
export async function pushOutbox(deps: PushDeps): Promise<PushReport> {
  const report: PushReport = { sent: 0, settled: 0, waitingFor: [], heldBack: 0, refusal: null };
  const stoppedAgents = new Set<string>();
  const stoppedDossiers = new Set<string>();
  const stop = (entries: readonly OutboxEntry[]) => {
    for (const entry of entries) {
      stoppedAgents.add(entry.agentId);
      stoppedDossiers.add(entry.applicationNumber);
    }
  };
  const waitFor = (agentId: string) => {
    if (!report.waitingFor.includes(agentId)) report.waitingFor.push(agentId);
  };

  let batch: OutboxEntry[] = [];
  async function send(): Promise<void> {
    const entries = batch;
    batch = [];
    const agentId = entries[0]?.agentId;
    if (agentId === undefined) return;
    const token = deps.tokens.get(agentId);
    if (!token) {
      // Logged out while the push ran: the batch waits like the rest of the agent's actions.
      waitFor(agentId);
      stop(entries);
      return;
    }
    try {
      await pushBatch(deps, deps.clientFor(token), entries, report);
    } catch (error) {
      if (!(error instanceof PortalFailure) || error.kind === 'unreachable') throw error;
      if (error.kind === 'unauthorized') {
        deps.tokens.drop(agentId);
        waitFor(agentId);
      } else report.refusal ??= error.message;
      stop(entries);
    }
  }

  for (const entry of deps.outbox.pending(10_000)) {
    const current = batch[0];
    if (current && (current.agentId !== entry.agentId || batch.length === PUSH_BATCH)) await send();
    if (stoppedAgents.has(entry.agentId)) {
      // The agent's own actions wait with their first one; its dossiers wait with them.
      stoppedDossiers.add(entry.applicationNumber);
      continue;
    }
    if (stoppedDossiers.has(entry.applicationNumber)) {
      report.heldBack += 1;
      continue;
    }
    if (!deps.tokens.get(entry.agentId)) {
      waitFor(entry.agentId);
      stop([entry]);
      continue;
    }
    batch.push(entry);
  }
  await send();
  return report;
}

/**
 * The attestation an action names (issueProlongation, decideFavorable, decideUnfavorable; a
 * decision sent for signature carries the decision's payload inside its own).
 */
function attestationOf(entry: OutboxEntry): string | null {
  const inner = entry.payload.payload;
  const payload =
    entry.type === 'submitDecision' && inner && typeof inner === 'object' && !Array.isArray(inner)
      ? (inner as Record<string, unknown>)
      : entry.payload;
  const sha256 = payload.attestationSha256;
  return typeof sha256 === 'string' ? sha256 : null;
}

/**
 * Uploads the attestations of a batch the portal may not have yet. Returns the actions whose
 * attestation the portal refused, with its reason: they are settled as rejected, the others go on.
 * A network error is the push's own: the whole batch stays pending, to be sent again as it is.
 */
async function uploadAttestations(
  deps: PushDeps,
  client: PortalClient,
  batch: OutboxEntry[],
): Promise<PushResult[]> {
  const refused: PushResult[] = [];
  if (!deps.uploads) return refused;
  for (const entry of batch) {
    const sha256 = attestationOf(entry);
    const token = deps.tokens.get(entry.agentId);
    if (sha256 === null || !token) continue;
    try {
      const outcome = await deps.uploads.ensure({
        portalUrl: client.url,
        agentId: entry.agentId,
        token,
        sha256,
      });
      if (!outcome.ok) refused.push({ id: entry.id, outcome: 'rejected', reason: outcome.reason });
    } catch (error) {
      deps.outbox.recordAttempt(
        batch.map((pending) => pending.id),
        error instanceof Error ? error.message : String(error),
      );
      throw error;
    }
  }
  return refused;
}

async function pushBatch(
  deps: PushDeps,
  client: PortalClient,
  whole: OutboxEntry[],
  report: PushReport,
): Promise<void> {
  const refused = await uploadAttestations(deps, client, whole);
  const batch = whole.filter((entry) => !refused.some((result) => result.id === entry.id));
  if (batch.length === 0) {
    settle(deps, refused, report);
    return;
  }
  // An action cannot have happened after the moment it is sent: a workstation clock running
  // ahead would otherwise get its actions refused as dated in the future.
  const now = deps.portalNow().getTime();
  const mutations = batch.map((entry) => ({
    id: entry.id,
    type: entry.type,
    applicationNumber: entry.applicationNumber,
    baseVersion: entry.baseVersion,
    at: new Date(Math.min(Date.parse(entry.at), now)).toISOString(),
    payload: entry.payload,
  }));
  let results: PushResult[];
  try {
    report.sent += batch.length;
    results = (await portalCall(() => client.trpc.backoffice.push.mutate({ mutations }))).results;
  } catch (error) {
    if (error instanceof PortalFailure && error.code === 'BAD_REQUEST') {
      // The whole batch was refused as input (one malformed action): send them one by one, so
      // only the malformed one is rejected and nothing behind it is blocked.
      if (batch.length > 1) {
        if (refused.length > 0) settle(deps, refused, report);
        for (const entry of batch) await pushBatch(deps, client, [entry], report);
        return;
      }
      results = [{ id: batch[0]!.id, outcome: 'rejected', reason: error.message }];
    } else {
      const message = error instanceof Error ? error.message : String(error);
      deps.outbox.recordAttempt(
        batch.map((entry) => entry.id),
        message,
      );
      throw error;
    }
  }
  deps.checkpoint?.('batch-sent');
  settle(deps, [...refused, ...results], report);
}

function settle(deps: PushDeps, results: PushResult[], report: PushReport): void {
  const at = new Date();
  deps.db.transaction(() => {
    for (const result of results) {
      deps.outbox.settle(
        result.id,
        { outcome: result.outcome, version: result.version ?? null, reason: result.reason ?? null },
        at,
      );
    }
  })();
  report.settled += results.length;
  deps.checkpoint?.('batch-settled');
}

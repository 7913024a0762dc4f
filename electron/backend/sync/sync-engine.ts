import type Database from 'better-sqlite3';
import type { AgentRepository } from '../../../db/desktop/agent-repository';
import type { ApplicationRepository } from '../../../db/desktop/application-repository';
import type { HistoryRepository } from '../../../db/desktop/history-repository';
import type { OutboxRepository } from '../../../db/desktop/outbox-repository';
import type { SyncStateRepository } from '../../../db/desktop/sync-state-repository';
import { createPortalClient, PortalFailure, type PortalClient } from '../portal-link/portal-client';
import type { FileAnnouncer } from './apply-changes';
import type { AttestationUploads } from './attestation-uploads';
import type { PortalTokens } from './portal-tokens';
import { pullChanges, type PullReport } from './pull';
import { pushOutbox, type PushReport } from './push';
import { refreshAgents } from './refresh-agents';
import { refreshServiceSettings } from './refresh-service-settings';
import type { ServiceSettingsRepository } from '../../../db/desktop/service-settings-repository';
import type { DownloadProgress, SyncStatus } from './sync-status';

/** What the engine needs of the attachments' downloader: it runs beside data sync, never in it. */
export interface DownloadQueue {
  progress(): DownloadProgress;
  /** New files may be wanted (after a pull), or the network is back. */
  kick(): void;
}

export interface SyncEngineOptions {
  db: Database.Database;
  agents: AgentRepository;
  applications: ApplicationRepository;
  history: HistoryRepository;
  outbox: OutboxRepository;
  syncState: SyncStateRepository;
  files: FileAnnouncer;
  tokens: PortalTokens;
  portal: { url: string; embedded: boolean };
  downloads?: DownloadQueue;
  /** Attestations to upload before the actions that name them. */
  uploads?: AttestationUploads;
  /** Where the service's settings read at each sync are kept. */
  serviceSettings?: ServiceSettingsRepository;
  /** Background sync period while online. */
  intervalMs?: number;
  /** First wait after a failed sync; it doubles at each failure in a row, up to maxRetryMs. */
  firstRetryMs?: number;
  /** Longest wait between two attempts while the portal cannot be reached. */
  maxRetryMs?: number;
  requestTimeoutMs?: number;
  checkpoint?: (step: string) => void;
}

export interface SyncRun {
  ok: boolean;
  push?: PushReport;
  pull?: PullReport;
  error?: string;
}

const NO_DOWNLOADS: DownloadProgress = {
  queued: 0,
  active: 0,
  bytesDone: 0,
  bytesTotal: 0,
  failed: 0,
  cacheBytes: 0,
  cacheLimitBytes: 0,
};

/**
 * The workstation's link with the portal: push the outbox, then pull the change log, on demand,
 * on an interval, and as soon as the portal answers again after an outage.
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const {
    tokens,
    portal,
    intervalMs = 60_000,
    firstRetryMs = 2_000,
    maxRetryMs = 15_000,
  } = options;
  let connection: SyncStatus['connection'] = 'starting';
  let error: string | null = null;
  let running: Promise<SyncRun> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let nextAttemptAt: Date | null = null;
  let failures = 0;
  let started = false;
  let clockOffsetMs = options.syncState.get().clockOffsetMs;

  const clientFor = (token: string | null): PortalClient =>
    createPortalClient({
      url: portal.url,
      token: () => token,
      timeoutMs: options.requestTimeoutMs ?? 30_000,
      onClockOffset: (offset) => {
        clockOffsetMs = offset;
      },
    });

  const portalNow = () => new Date(Date.now() + clockOffsetMs);

  function schedule(delayMs: number): void {
    if (!started) return;
    if (timer) clearTimeout(timer);
    nextAttemptAt = new Date(Date.now() + delayMs);
    timer = setTimeout(() => {
      timer = null;
      void syncNow();
    }, delayMs);
    timer.unref?.();
  }

  async function runOnce(): Promise<SyncRun> {
    const current = tokens.current();
    if (!current) {
      connection = (await reachable()) ? 'reauth' : 'offline';
      if (connection === 'offline') failures += 1;
      error =
        connection === 'reauth'
          ? 'Saisissez à nouveau votre mot de passe pour synchroniser avec le portail.'
          : 'Le portail ne répond pas. Vérifiez la connexion réseau.';
      return { ok: false, error };
    }
    const client = clientFor(current.token);
    try {
      const push = await pushOutbox({
        db: options.db,
        outbox: options.outbox,
        tokens,
        clientFor,
        portalNow,
        ...(options.uploads ? { uploads: options.uploads } : {}),
        checkpoint: options.checkpoint,
      });
      // Roles and revocations are re-read at each sync: the portal is the authority.
      await refreshAgents(options.agents, client);
      if (options.serviceSettings) await refreshServiceSettings(options.serviceSettings, client);
      const pull = await pullChanges(
        { ...options, checkpoint: options.checkpoint },
        client,
        portal.url,
      );
      options.syncState.saveClockOffset(clockOffsetMs);
      options.downloads?.kick();
      connection = 'online';
      if (push.refusal !== null) {
        // The pull went on; the refused actions wait, and are tried again with backoff.
        error = `Le portail a refusé l'envoi des actions en attente : « ${push.refusal} ». Nouvel essai automatique.`;
        failures += 1;
        return { ok: false, push, pull, error };
      }
      options.syncState.recordSuccess(new Date());
      error =
        push.waitingFor.length > 0
          ? `Des actions attendent la reconnexion de ${push.waitingFor
              .map((id) => options.agents.findById(id)?.displayName ?? id)
              .join(', ')} pour être envoyées.`
          : null;
      failures = 0;
      return { ok: true, push, pull };
    } catch (caught) {
      if (caught instanceof PortalFailure && caught.kind === 'unauthorized') {
        tokens.drop(current.agentId);
        connection = 'reauth';
        error = 'Votre session sur le portail a expiré : saisissez à nouveau votre mot de passe.';
      } else if (caught instanceof PortalFailure && caught.kind === 'unreachable') {
        connection = 'offline';
        error = caught.message;
        failures += 1;
      } else {
        // The portal answered, but something could not be applied: keep online, show the reason.
        connection = 'online';
        error = caught instanceof Error ? caught.message : String(caught);
        failures += 1;
      }
      return { ok: false, error };
    }
  }

  async function reachable(): Promise<boolean> {
    try {
      const response = await fetch(`${portal.url}/healthz`, {
        signal: AbortSignal.timeout(5_000),
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Runs a sync now; a call during a sync gets that sync's result, and one more runs after it. */
  function syncNow(): Promise<SyncRun> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: SyncRun;
      do {
        again = false;
        result = await runOnce();
      } while (again);
      return result;
    })().finally(() => {
      running = null;
      // While the portal fails, retry soon and back off: firstRetryMs, doubling, up to maxRetryMs.
      const delay =
        connection === 'offline' || (error && failures > 0)
          ? Math.min(maxRetryMs, firstRetryMs * 2 ** Math.min(Math.max(failures - 1, 0), 10))
          : intervalMs;
      schedule(delay);
    });
    return running;
  }

  return {
    portalNow,
    /** A client for another call with the portal (login, uploads). */
    client: clientFor,
    syncNow,
    /** Starts background sync: now, then on the interval, and retries while offline. */
    start() {
      started = true;
      void syncNow();
    },
    stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      nextAttemptAt = null;
      return running ?? Promise.resolve();
    },
    status(): SyncStatus {
      const state = options.syncState.get();
      return {
        portal: { url: portal.url, embedded: portal.embedded },
        connection,
        syncing: running !== null,
        lastSuccessAt: state.lastSuccessAt,
        nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
        pendingActions: options.outbox.countPending(),
        problems: options.outbox.countProblems(),
        downloads: options.downloads?.progress() ?? NO_DOWNLOADS,
        error,
      };
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

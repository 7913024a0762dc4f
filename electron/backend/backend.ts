import { join } from 'node:path';
import { createBlobStore } from '../../db/blob-store';
import { openDesktopDatabase } from '../../db/desktop/open-desktop-database';
import { createActionJournal } from '../../db/desktop/action-journal';
import { createAgentRepository } from '../../db/desktop/agent-repository';
import { createApplicationRepository } from '../../db/desktop/application-repository';
import { createFileRepository } from '../../db/desktop/file-repository';
import { createHistoryRepository } from '../../db/desktop/history-repository';
import { createOutboxRepository } from '../../db/desktop/outbox-repository';
import { createQueueRepository } from '../../db/desktop/queue-repository';
import { createReviewRepository } from '../../db/desktop/review-repository';
import { createSavedFilterRepository } from '../../db/desktop/saved-filter-repository';
import { createServiceSettingsRepository } from '../../db/desktop/service-settings-repository';
import { createSyncStateRepository } from '../../db/desktop/sync-state-repository';
import { createAuditTrail } from './audit/audit-trail';
import { checkedRetentionDays, retentionDaysFromEnv } from './audit/retention';
import { createAuthService } from './auth/auth-service';
import { DEFAULT_SESSION_IDLE_MINUTES } from './auth/session-idle';
import { createSessionStore } from './auth/sessions';
import { DEMO_ACCOUNTS } from './demo/demo-agents';
import { seedDemoDossiers } from './demo/demo-dossiers';
import { startEmbeddedPortal } from './portal-link/embedded-portal';
import { portalLoginWith } from './portal-link/portal-login';
import type { PortalProcess } from './portal-link/portal-process';
import { createInstruction } from './instruction/instruction-service';
import { createSupplements } from './supplement/supplement-service';
import { createSupervision } from './supervision/supervision-service';
import { createSignatures } from './signature/signature-service';
import { createFileLinks } from './review/file-links';
import { createAttestationUploads } from './sync/attestation-uploads';
import { createAttachmentDownloader } from './sync/attachments/attachment-downloader';
import { createOutboxActions } from './sync/outbox-actions';
import { createPortalTokens } from './sync/portal-tokens';
import { createSyncEngine } from './sync/sync-engine';
import './errors';

export interface EmbeddedPrograms {
  /** The built portal (out/main/portal.js). */
  portalScript: string;
  /** The built applicant simulator (out/main/simulator.js), to seed demo dossiers on a first run. */
  simulatorScript?: string;
  /** How to run them: Node, or Electron's binary as Node (ELECTRON_RUN_AS_NODE=1 in env). */
  execPath?: string;
  env?: NodeJS.ProcessEnv;
  /** How many simulated applicants on a first run. */
  seedApplicants?: number;
}

export interface BackendOptions {
  /** Folder holding the database and the document files of this workstation. */
  dataDir: string;
  version: string;
  /** The portal to sync with. Without one, an embedded portal with demo data is started. */
  portalUrl?: string;
  embedded?: EmbeddedPrograms;
  /** A session without activity for this long is locked until the agent gives their password. */
  sessionIdleMs?: number;
  syncIntervalMs?: number;
  /** First wait before another try after a failed sync (2 s by default); it doubles at each failure. */
  syncRetryMs?: number;
  /** Longest wait between two tries while syncs fail (15 s by default). */
  syncMaxRetryMs?: number;
  /** Size of the local cache of document files (the agent's own dossiers are always kept). */
  cacheLimitBytes?: number;
  /**
   * Journal entries older than this many days are purged, at start and once a day
   * (INSTRUCTEUR_AUDIT_RETENTION_DAYS when not given; one year by default).
   */
  auditRetentionDays?: number;
  /** Background sync, and a sync right after each action (off in tests that drive each sync). */
  autoSync?: boolean;
  log?: (line: string) => void;
  /** Called between the steps of a sync or an action; the fault tests stop the process there. */
  checkpoint?: (step: string) => void;
}

/** The workstation's services, shared by the Electron shell and the headless host. */
export async function createBackend({
  dataDir,
  version,
  portalUrl,
  embedded,
  sessionIdleMs = DEFAULT_SESSION_IDLE_MINUTES * 60_000,
  syncIntervalMs,
  syncRetryMs,
  syncMaxRetryMs,
  cacheLimitBytes = 2 * 1024 ** 3,
  auditRetentionDays,
  autoSync = true,
  log = () => undefined,
  checkpoint,
}: BackendOptions) {
  if (!portalUrl && !embedded)
    throw new Error('Aucun portail configuré, et pas de portail intégré à démarrer.');
  const retentionDays =
    auditRetentionDays === undefined
      ? retentionDaysFromEnv()
      : checkedRetentionDays(auditRetentionDays);
  const db = openDesktopDatabase(join(dataDir, 'instructeur.sqlite'));
  let portalProcess: PortalProcess | null = null;
  let firstRun = false;
  let markSeeded: () => void = () => undefined;
  try {
    if (!portalUrl && embedded) {
      const started = await startEmbeddedPortal({
        ...embedded,
        script: embedded.portalScript,
        dataDir,
        seedsDemo: Boolean(embedded.simulatorScript),
      });
      portalProcess = started.process;
      firstRun = started.firstRun;
      markSeeded = started.markSeeded;
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const url = portalUrl ?? (portalProcess as PortalProcess).url;

  const blobs = createBlobStore(join(dataDir, 'files'));
  const agents = createAgentRepository(db);
  const journal = createActionJournal(db);
  // Purged at start (before anything else is recorded) and once a day.
  const audit = createAuditTrail({ db, journal, agents, retentionDays, log });
  audit.start();
  const applications = createApplicationRepository(db);
  const queue = createQueueRepository(db);
  const savedFilters = createSavedFilterRepository(db);
  const review = createReviewRepository(db);
  const history = createHistoryRepository(db);
  const outbox = createOutboxRepository(db);
  const files = createFileRepository(db);
  const syncState = createSyncStateRepository(db);
  const tokens = createPortalTokens();
  // Attachments download beside data sync, never in it: a slow or broken file stalls nothing.
  const downloads = createAttachmentDownloader({
    files,
    blobs,
    portalUrl: () => url,
    token: () => tokens.current()?.token ?? null,
    agentId: () => tokens.current()?.agentId ?? null,
    cacheLimitBytes,
  });
  const fileLinks = createFileLinks({
    db,
    files,
    blobs,
    ensure: (sha256) => downloads.ensure(sha256),
  });
  const serviceSettings = createServiceSettingsRepository(db);
  const sync = createSyncEngine({
    db,
    agents,
    applications,
    history,
    outbox,
    syncState,
    files,
    tokens,
    downloads,
    uploads: createAttestationUploads(blobs),
    serviceSettings,
    portal: { url, embedded: portalProcess !== null },
    ...(checkpoint ? { checkpoint } : {}),
    ...(syncIntervalMs ? { intervalMs: syncIntervalMs } : {}),
    ...(syncRetryMs ? { firstRetryMs: syncRetryMs } : {}),
    ...(syncMaxRetryMs ? { maxRetryMs: syncMaxRetryMs } : {}),
  });
  const auth = createAuthService({
    agents,
    journal,
    tokens,
    sessions: createSessionStore({ idleMs: sessionIdleMs }),
    portalLogin: portalLoginWith(() => sync.client(null)),
  });
  const actions = createOutboxActions({
    db,
    applications,
    outbox,
    journal,
    portalNow: sync.portalNow,
    // A new action is sent at once, unless the caller drives every sync itself (tests).
    ...(autoSync ? { onQueued: () => void sync.syncNow() } : {}),
    ...(checkpoint ? { checkpoint } : {}),
  });

  const signatures = createSignatures({
    db,
    applications,
    history,
    outbox,
    actions,
    serviceSettings,
  });
  const instruction = createInstruction({
    db,
    applications,
    outbox,
    review,
    history,
    blobs,
    actions,
    fileLinks,
    portalNow: sync.portalNow,
    signatures,
  });
  const supervision = createSupervision({
    db,
    agents,
    applications,
    outbox,
    actions,
    portalNow: sync.portalNow,
  });
  const supplements = createSupplements({
    applications,
    outbox,
    review,
    history,
    actions,
    portalNow: sync.portalNow,
  });

  // A first run of the embedded default is seeded in the background; the queue fills as it syncs.
  let seeding: Promise<number> | null = null;
  if (firstRun && embedded?.simulatorScript) {
    log('Premier démarrage : création des dossiers de démonstration…');
    seeding = seedDemoDossiers({
      script: embedded.simulatorScript,
      portalUrl: url,
      ...(embedded.execPath ? { execPath: embedded.execPath } : {}),
      ...(embedded.env ? { env: embedded.env } : {}),
      ...(embedded.seedApplicants ? { applicants: embedded.seedApplicants } : {}),
      log,
    }).then((code) => {
      // Finished, even in failure: only a seeding cut short by the end of the workstation starts
      // over at the next start (a lasting failure would otherwise empty the demo at each start).
      markSeeded();
      log(
        code === 0
          ? 'Dossiers de démonstration créés.'
          : `La création des dossiers de démonstration a échoué (code ${code}).`,
      );
      void sync.syncNow();
      return code;
    });
  }
  if (autoSync) {
    sync.start();
    downloads.start();
  }

  return {
    version,
    demo: portalProcess !== null,
    demoAccounts: portalProcess ? DEMO_ACCOUNTS : [],
    portalUrl: url,
    agents,
    journal,
    audit,
    applications,
    queue,
    savedFilters,
    review,
    fileLinks,
    history,
    outbox,
    files,
    syncState,
    blobs,
    downloads,
    auth,
    actions,
    instruction,
    supplements,
    supervision,
    signatures,
    serviceSettings,
    sync,
    /** The demo seeding of a first run, if one is under way. */
    seeding,
    async close() {
      // A batch renewal under way finishes queuing first: the outbox never holds half a job's step.
      await instruction.settled();
      await Promise.all([sync.stop(), downloads.stop()]);
      audit.stop();
      db.close();
      await portalProcess?.stop();
    },
  };
}

export type Backend = Awaited<ReturnType<typeof createBackend>>;

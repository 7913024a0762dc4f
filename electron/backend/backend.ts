import { join } from 'node:path';
import { createBlobStore } from '../../db/blob-store';
import { openDesktopDatabase } from '../../db/desktop/open-desktop-database';
import { createActionJournal } from '../../db/desktop/action-journal';
import { createAgentRepository } from '../../db/desktop/agent-repository';
import { createApplicationRepository } from '../../db/desktop/application-repository';
import { createAuthService } from './auth/auth-service';
import { createSessionStore } from './auth/sessions';
import { DEMO_ACCOUNTS, seedDemoAgents } from './demo/demo-agents';
import './errors';

export interface BackendOptions {
  /** Folder holding the database and the document files of this workstation. */
  dataDir: string;
  /** Demonstration mode: seed demo agents on an empty workstation and show their credentials. */
  demo: boolean;
  version: string;
  sessionIdleMs?: number;
}

/** The workstation's services, shared by the Electron shell and the headless host. */
export async function createBackend({
  dataDir,
  demo,
  version,
  sessionIdleMs = 30 * 60_000,
}: BackendOptions) {
  const db = openDesktopDatabase(join(dataDir, 'instructeur.sqlite'));
  const blobs = createBlobStore(join(dataDir, 'files'));
  const agents = createAgentRepository(db);
  const journal = createActionJournal(db);
  const applications = createApplicationRepository(db);
  const auth = createAuthService({
    agents,
    journal,
    sessions: createSessionStore({ idleMs: sessionIdleMs }),
  });
  if (demo) await seedDemoAgents(agents);

  return {
    version,
    demo,
    demoAccounts: demo ? DEMO_ACCOUNTS : [],
    agents,
    journal,
    applications,
    blobs,
    auth,
    close: () => db.close(),
  };
}

export type Backend = Awaited<ReturnType<typeof createBackend>>;

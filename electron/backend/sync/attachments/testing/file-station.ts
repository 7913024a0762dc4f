import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { createBlobStore, type BlobStore } from '../../../../../db/blob-store';
import { createAgentRepository } from '../../../../../db/desktop/agent-repository';
import { createApplicationRepository } from '../../../../../db/desktop/application-repository';
import {
  createFileRepository,
  type AnnouncedFile,
  type FileRepository,
} from '../../../../../db/desktop/file-repository';
import { openDesktopDatabase } from '../../../../../db/desktop/open-desktop-database';
import { createHistoryRepository } from '../../../../../db/desktop/history-repository';
import { createSyncStateRepository } from '../../../../../db/desktop/sync-state-repository';
import { pullChanges } from '../../pull';
import { refreshAgents } from '../../refresh-agents';
import type { TestPortal } from '../../../testing/portal-fixture';

export interface FileStation {
  db: Database.Database;
  files: FileRepository;
  blobs: BlobStore;
}

/** The workstation's database and file store in `dir`: opening the same `dir` again is a restart. */
export function openFileStation(dir: string): FileStation {
  const db = openDesktopDatabase(join(dir, 'instructeur.sqlite'));
  return { db, files: createFileRepository(db), blobs: createBlobStore(join(dir, 'files')) };
}

export interface MirroredDossier {
  applicationNumber: string;
  files: AnnouncedFile[];
}

/**
 * The real pull of the service's change log into the workstation (agents from the portal's
 * directory first), and the dossiers it brought with their announced files.
 */
export async function mirrorSubmissions(
  portal: TestPortal,
  token: string,
  { db, files }: FileStation,
): Promise<MirroredDossier[]> {
  const agents = createAgentRepository(db);
  const applications = createApplicationRepository(db);
  const client = portal.client(token);
  await refreshAgents(agents, client);
  const deps = {
    db,
    agents,
    applications,
    files,
    history: createHistoryRepository(db),
    syncState: createSyncStateRepository(db),
  };
  await pullChanges(deps, client, portal.url);
  return applications
    .listQueue({ serviceCode: '59', limit: 10_000, offset: 0 })
    .map(({ applicationNumber }) => ({
      applicationNumber,
      files: (applications.get(applicationNumber)?.data.files as AnnouncedFile[]).map(
        ({ sha256, size, mime }) => ({ sha256, size, mime }),
      ),
    }));
}

export function assign(db: Database.Database, applicationNumber: string, agentId: string): void {
  db.prepare('UPDATE applications SET assigned_agent_id = ? WHERE application_number = ?').run(
    agentId,
    applicationNumber,
  );
}

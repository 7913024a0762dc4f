import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend, type BackendOptions } from '../backend';
import type { PublicAgent } from '../auth/auth-service';

export interface TestWorkstation {
  backend: Backend;
  dataDir: string;
  /** Logs the agent in as the login page would; returns the agent. */
  login(login: string, password: string): Promise<PublicAgent>;
  close(): Promise<void>;
  /** Closes the backend but keeps the data folder (a restart of the app). */
  restart(): Promise<void>;
}

/**
 * A workstation on its own data folder syncing with the given portal, background sync off so
 * the test decides when it syncs.
 */
export async function openWorkstation(
  portalUrl: string,
  options: Partial<BackendOptions> = {},
): Promise<TestWorkstation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'instructeur-poste-'));
  const open = () =>
    createBackend({ dataDir, version: 'test', portalUrl, autoSync: false, ...options });
  let backend = await open();
  return {
    get backend() {
      return backend;
    },
    dataDir,
    async login(login, password) {
      return (await backend.auth.login(login, password)).agent;
    },
    async restart() {
      await backend.close();
      backend = await open();
    },
    async close() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

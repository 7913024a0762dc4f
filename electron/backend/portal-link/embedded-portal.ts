import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../demo/demo-agents';
import { createPortalClient, portalCall, PortalFailure } from './portal-client';
import { startPortalProcess, type PortalProcess } from './portal-process';

export interface EmbeddedPortalOptions {
  /** The built portal program. */
  script: string;
  /** The workstation's data folder; the portal keeps its own database in <dataDir>/portal. */
  dataDir: string;
  execPath?: string;
  env?: NodeJS.ProcessEnv;
}

export interface EmbeddedPortal {
  process: PortalProcess;
  /** True when its data folder did not exist: a first run, to be seeded with demo dossiers. */
  firstRun: boolean;
}

/**
 * With no portal configured, the workstation starts one of its own (dev procedures on, loopback
 * only) and creates the demo agent and supervisor of the Nord prefecture in it, so a newcomer
 * can log in and see real work at once.
 */
export async function startEmbeddedPortal({
  script,
  dataDir,
  execPath,
  env,
}: EmbeddedPortalOptions): Promise<EmbeddedPortal> {
  const portalDir = join(dataDir, 'portal');
  const firstRun = !existsSync(portalDir);
  mkdirSync(portalDir, { recursive: true, mode: 0o700 });
  const process = await startPortalProcess({
    script,
    dataDir: portalDir,
    dev: true,
    ...(execPath ? { execPath } : {}),
    ...(env ? { env } : {}),
  });
  const client = createPortalClient({ url: process.url });
  for (const account of DEMO_ACCOUNTS) {
    try {
      await portalCall(() =>
        client.trpc.dev.createAgent.mutate({
          name: account.displayName,
          login: account.login,
          role: account.role,
          serviceCode: account.serviceCode,
          password: account.password,
        }),
      );
    } catch (error) {
      // Already there from an earlier start.
      if (!(error instanceof PortalFailure && error.code === 'CONFLICT')) {
        await process.stop();
        throw error;
      }
    }
  }
  return { process, firstRun };
}

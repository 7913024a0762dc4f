import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  /**
   * The caller files demo dossiers when `firstRun` says so, and calls `markSeeded()` once the
   * simulator succeeded: a seeding cut short (the workstation killed or closed meanwhile) is then
   * started over at the next start. Without it, a first run is only a new data folder.
   */
  seedsDemo?: boolean;
}

export interface EmbeddedPortal {
  process: PortalProcess;
  /**
   * Demo dossiers are to be filed: a new data folder, or (with `seedsDemo`) one whose seeding
   * never finished, started over empty.
   */
  firstRun: boolean;
  /** After a first run's seeding succeeded: later starts file no demo dossiers. */
  markSeeded(): void;
}

/**
 * The demo's story in the portal's folder: `seeding` is written before the portal first opens it,
 * `seeded` once the simulator has filed every dossier. A folder without it holds data this
 * workstation did not seed (an older install, or real work): never seeded again, never emptied.
 */
export const DEMO_MARKER = 'demo-seed';
const TEMPORARY_MARKER = `${DEMO_MARKER}.tmp`;
type DemoSeedState = 'seeding' | 'seeded';

function demoStateOf(portalDir: string): DemoSeedState | 'none' | 'new' {
  let names: string[];
  try {
    names = readdirSync(portalDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw error;
  }
  // Empty: the last start stopped between creating the folder and marking it.
  if (names.every((name) => name === TEMPORARY_MARKER)) return 'new';
  if (!names.includes(DEMO_MARKER)) return 'none';
  const state = readFileSync(join(portalDir, DEMO_MARKER), 'utf8').trim();
  return state === 'seeded' ? 'seeded' : 'seeding';
}

/** Written whole or not at all: a crash mid-write never leaves a marker that says something else. */
function writeDemoState(portalDir: string, state: DemoSeedState): void {
  const temporary = join(portalDir, TEMPORARY_MARKER);
  writeFileSync(temporary, `${state}\n`, { mode: 0o600 });
  renameSync(temporary, join(portalDir, DEMO_MARKER));
}

/**
 * Readies the portal's folder before its process opens it; true when demo dossiers are to be
 * filed. A seeding cut short is not resumed: the simulator would find the e-mails of its first
 * applicants taken (dev.createApplicant refuses them) and could not finish an applicant left
 * between account and submission, so the demo starts over from an empty folder, as on a new
 * workstation.
 */
function prepareDemoFolder(portalDir: string): boolean {
  const state = demoStateOf(portalDir);
  if (state === 'seeded' || state === 'none') return false;
  if (state === 'seeding') rmSync(portalDir, { recursive: true, force: true });
  mkdirSync(portalDir, { recursive: true, mode: 0o700 });
  writeDemoState(portalDir, 'seeding');
  return true;
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
  seedsDemo = false,
}: EmbeddedPortalOptions): Promise<EmbeddedPortal> {
  const portalDir = join(dataDir, 'portal');
  const firstRun = seedsDemo ? prepareDemoFolder(portalDir) : demoStateOf(portalDir) === 'new';
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
  return {
    process,
    firstRun,
    markSeeded: () => {
      if (seedsDemo && firstRun) writeDemoState(portalDir, 'seeded');
    },
  };
}

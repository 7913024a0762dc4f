import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { planApplicant } from '../../../simulator/dossier/build';
import { simulate } from '../../../simulator/simulate';
import { createPortalClient, type PortalClient } from '../portal-link/portal-client';
import { startPortalProcess, type PortalProcess } from '../portal-link/portal-process';

/** Built by vitest.global-setup.ts before the tests run (out/portal/main.js: `npm run portal`'s). */
export const PORTAL_SCRIPT = process.env.TEST_PORTAL_SCRIPT ?? resolve('out/portal/main.js');
/** The applicant simulator as a program, built likewise. */
export const SIMULATOR_SCRIPT =
  process.env.TEST_SIMULATOR_SCRIPT ?? resolve('out/main/simulator.js');

export interface TestPortal {
  readonly url: string;
  readonly dataDir: string;
  readonly process: PortalProcess;
  /** Stops (or kills) the process and starts a new one on the same data folder and port. */
  restart(how?: 'stop' | 'kill'): Promise<void>;
  client(token?: string): PortalClient;
  close(): Promise<void>;
}

/** A real portal process (PORTAL_DEV=1) on a fresh data folder, on 127.0.0.1. */
export async function launchPortal(): Promise<TestPortal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'instructeur-portal-'));
  let current = await startPortalProcess({ script: PORTAL_SCRIPT, dataDir, dev: true });
  const port = Number(new URL(current.url).port);
  return {
    get url() {
      return current.url;
    },
    dataDir,
    get process() {
      return current;
    },
    async restart(how = 'stop') {
      await (how === 'kill' ? current.kill() : current.stop());
      current = await startPortalProcess({ script: PORTAL_SCRIPT, dataDir, dev: true, port });
    },
    client: (token) => createPortalClient({ url: current.url, token: () => token ?? null }),
    async close() {
      await current.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** launchPortal for a whole test file. */
export function usePortalProcess(): () => TestPortal {
  let portal: TestPortal | undefined;
  beforeAll(async () => {
    portal = await launchPortal();
  }, 30_000);
  afterAll(async () => {
    await portal?.close();
  });
  return () => {
    if (!portal) throw new Error('the portal is started in beforeAll');
    return portal;
  };
}

export const TEST_PASSWORD = 'Essai-Poste-2026';

/** An agent of the portal's directory (service 59 unless told otherwise). */
export async function createPortalAgent(
  portal: TestPortal,
  agent: { name: string; login: string; role?: 'agent' | 'supervisor'; serviceCode?: string },
): Promise<{ agentId: string; login: string; password: string }> {
  const created = await portal.client().trpc.dev.createAgent.mutate({
    name: agent.name,
    login: agent.login,
    role: agent.role ?? 'agent',
    serviceCode: agent.serviceCode ?? '59',
    password: TEST_PASSWORD,
  });
  return { ...created, password: TEST_PASSWORD };
}

/**
 * Dossiers submitted by the applicant simulator (real accounts, real generated files). The
 * simulator spreads applicants over several départements: the returned numbers are per service.
 */
export async function submitDossiers(portal: TestPortal, applicants: number, seed: string) {
  const summary = await simulate({
    portal: portal.url,
    applicants,
    seed,
    answerSupplements: false,
    concurrency: 2,
  });
  if (summary.failures.length > 0)
    throw new Error(summary.failures.map((failure) => failure.message).join('\n'));
  return summary;
}

/**
 * Logs in as the applicant of a `submitDossiers(portal, applicants, seed)` run who uses this
 * e-mail (the simulator draws the same people, accounts and passwords from the same seed).
 */
export async function loginApplicant(
  portal: TestPortal,
  seed: string,
  applicants: number,
  email: string,
): Promise<{ token: string; client: PortalClient }> {
  const today = parisDateOf(new Date());
  for (let index = 0; index < applicants; index++) {
    const { account } = planApplicant(seed, index, today);
    if (account.email !== email) continue;
    const { token } = await portal
      .client()
      .trpc.applicant.login.mutate({ login: account.email, password: account.password });
    return { token, client: portal.client(token) };
  }
  throw new Error(`no applicant of seed ${seed} uses ${email}`);
}

export interface DossierHeader {
  version: number;
  status: string;
  assignedAgentId: unknown;
}

/**
 * The portal's log read from the start with an agent's token: each dossier of the service as the
 * portal has it now, and how many times each mutation id took effect.
 */
export async function readPortalLog(portal: TestPortal, token: string) {
  const dossiers = new Map<string, DossierHeader>();
  const effects = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const page = await portal.client(token).trpc.backoffice.changes.query({ after, limit: 500 });
    for (const change of page.changes) {
      if (change.type === 'application.submitted' || change.type === 'application.updated')
        dossiers.set(change.applicationNumber, {
          version: change.version,
          status: String(change.data.status),
          assignedAgentId: change.data.assignedAgentId,
        });
      const id = change.data.mutationId;
      if (change.type === 'application.updated' && typeof id === 'string')
        effects.set(id, (effects.get(id) ?? 0) + 1);
    }
    after = page.cursor;
    if (!page.hasMore) return { dossiers, effects };
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  /** Stops (or kills) the process and leaves the portal down until `start()`. */
  down(how?: 'stop' | 'kill'): Promise<void>;
  /** After `down()`: a new process on the same data folder and port. */
  start(): Promise<void>;
  /** False between `down()` and `start()`. */
  readonly running: boolean;
  client(token?: string): PortalClient;
  close(): Promise<void>;
}

/** A real portal process (PORTAL_DEV=1) on a fresh data folder, on 127.0.0.1. */
export async function launchPortal(): Promise<TestPortal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'instructeur-portal-'));
  let current = await startPortalProcess({ script: PORTAL_SCRIPT, dataDir, dev: true });
  let running = true;
  const port = Number(new URL(current.url).port);
  const portal: TestPortal = {
    get url() {
      return current.url;
    },
    dataDir,
    get process() {
      return current;
    },
    get running() {
      return running;
    },
    async down(how = 'stop') {
      running = false;
      await (how === 'kill' ? current.kill() : current.stop());
    },
    async start() {
      current = await startPortalProcess({ script: PORTAL_SCRIPT, dataDir, dev: true, port });
      running = true;
    },
    async restart(how = 'stop') {
      await portal.down(how);
      await portal.start();
    },
    client: (token) => createPortalClient({ url: current.url, token: () => token ?? null }),
    async close() {
      await current.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return portal;
}

/**
 * When a tapped request is the portal's last: `received` kills it as soon as the request was
 * handed over (it may or may not have committed), `answered` once it answered (it committed).
 */
export type PortalKill = 'received' | 'answered';

export interface PortalTap {
  url: string;
  /** The next request whose path starts with `pathPrefix` kills the portal; no answer leaves. */
  killDuring(pathPrefix: string, when: PortalKill): void;
  /** Every kill done so far, in order. */
  readonly kills: { path: string; when: PortalKill }[];
  clear(): void;
  close(): Promise<void>;
}

/**
 * A plain pass-through in front of the portal (each request on its own connection, so none rides
 * a socket of a killed process) that can kill the portal in the middle of a request. The portal
 * stays down until `portal.start()`.
 */
export async function startPortalTap(portal: TestPortal): Promise<PortalTap> {
  let armed: { pathPrefix: string; when: PortalKill } | null = null;
  const kills: { path: string; when: PortalKill }[] = [];
  const server = createServer((req, res) => {
    const plan = armed && (req.url ?? '').startsWith(armed.pathPrefix) ? armed : null;
    if (plan) armed = null;
    let killing: Promise<void> | null = null;
    // The caller hears nothing until the portal is gone: its next request finds it down.
    const kill = () => {
      if (killing || !plan) return;
      const wasRunning = portal.running;
      killing = portal
        .down('kill')
        .then(() => void (wasRunning && kills.push({ path: req.url ?? '', when: plan.when })))
        .finally(() => req.socket.destroy());
    };
    const base = new URL(portal.url);
    const outgoing = request(
      {
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: base.host },
        agent: false,
      },
      (answer) => {
        if (plan) {
          answer.resume();
          kill();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => req.socket.destroy());
      },
    );
    outgoing.on('error', () => (plan ? kill() : req.socket.destroy()));
    if (plan?.when === 'received') outgoing.on('finish', kill);
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    killDuring(pathPrefix, when) {
      armed = { pathPrefix, when };
    },
    kills,
    clear: () => void (armed = null),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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

/** One entry of the portal's change log, as `backoffice.changes` gives it. */
export interface PortalChange {
  seq: number;
  type: string;
  applicationNumber: string;
  version: number;
  at: string;
  data: Record<string, unknown>;
}

/**
 * The portal's log read from the start with an agent's token: each dossier of the service as the
 * portal has it now, its changes in order, and how many times each mutation id took effect.
 */
export async function readPortalLog(portal: TestPortal, token: string) {
  const dossiers = new Map<string, DossierHeader>();
  const changes = new Map<string, PortalChange[]>();
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
      const list = changes.get(change.applicationNumber) ?? [];
      list.push(change as PortalChange);
      changes.set(change.applicationNumber, list);
    }
    after = page.cursor;
    if (!page.hasMore) return { dossiers, changes, effects };
  }
}

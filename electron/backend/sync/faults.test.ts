import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../db/desktop/outbox-repository';
import { startFaultProxy, type Fault, type FaultProxy } from '../testing/fault-proxy';
import {
  launchPortal,
  readPortalLog,
  submitDossiers,
  TEST_PASSWORD,
  type TestPortal,
} from '../testing/portal-fixture';
import {
  startWorkstationProcess,
  WorkstationDied,
  type WorkstationProcess,
} from '../testing/workstation-process';

// Randomized schedules of faults against real processes: a portal (killed and restarted), two
// workstations (killed between any two steps, clocks off by ±3 h) behind a proxy that cuts,
// duplicates and breaks exchanges. After each schedule, once the faults stop, every action
// made is applied exactly once or surfaced as a conflict or a rejection, and each workstation's
// copy equals the portal's. `npm run test:faults` runs 1,000 schedules (FAULT_RUNS).

const RUNS = Number(process.env.FAULT_RUNS ?? 6);
const HOUR = 3_600_000;
const TYPES = ['assign', 'startReview', 'sendMessage', 'requestSupplement'] as const;
const CRASH_STEPS = [
  'before-enqueue',
  'after-enqueue',
  'batch-sent',
  'batch-settled',
  'page-fetched',
  'page-applied',
] as const;
const NETWORK_FAULTS: Fault[] = ['cutBefore', 'cutAfterCommit', 'duplicate'];

type Act = { kind: 'act'; ws: 0 | 1; type: (typeof TYPES)[number]; dossier: number };
type Sync = { kind: 'sync'; ws: 0 | 1; fault: Fault | null; on: 'push' | 'changes' };
type Download = { kind: 'download'; ws: 0 | 1; fault: 'truncate' | 'corrupt' | 'cutBefore' | null };
type Step =
  | Act
  | Sync
  | Download
  | { kind: 'crash'; at: (typeof CRASH_STEPS)[number]; then: Act | Sync }
  | { kind: 'portal'; how: 'kill' | 'stop' };

const ws = fc.constantFrom<0 | 1>(0, 1);
const act = fc.record({
  kind: fc.constant('act' as const),
  ws,
  type: fc.constantFrom(...TYPES),
  dossier: fc.nat({ max: 2 }),
});
const sync = fc.record({
  kind: fc.constant('sync' as const),
  ws,
  fault: fc.option(fc.constantFrom(...NETWORK_FAULTS), { nil: null }),
  on: fc.constantFrom<'push' | 'changes'>('push', 'changes'),
});
const download = fc.record({
  kind: fc.constant('download' as const),
  ws,
  fault: fc.option(
    fc.constantFrom<'truncate' | 'corrupt' | 'cutBefore'>('truncate', 'corrupt', 'cutBefore'),
    {
      nil: null,
    },
  ),
});
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: act, weight: 4 },
  { arbitrary: sync, weight: 4 },
  { arbitrary: download, weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('crash' as const),
      at: fc.constantFrom(...CRASH_STEPS),
      then: fc.oneof(act, sync),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('portal' as const),
      how: fc.constantFrom<'kill' | 'stop'>('kill', 'stop'),
    }),
    weight: 1,
  },
);
const schedule = fc.record({
  skews: fc.tuple(fc.constantFrom(-3 * HOUR, 0, 3 * HOUR), fc.constantFrom(-3 * HOUR, 0, 3 * HOUR)),
  dossiers: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 3, maxLength: 3 }),
  steps: fc.array(step, { minLength: 3, maxLength: 10 }),
});

const PAYLOADS: Record<(typeof TYPES)[number], Record<string, unknown>> = {
  assign: {},
  startReview: {},
  sendMessage: { text: 'Votre dossier est en cours d’examen.' },
  requestSupplement: {
    items: [{ documentKey: 'nationality', observation: 'Veuillez fournir une copie lisible.' }],
  },
};

let portal: TestPortal;
let proxy: FaultProxy;
let nord: string[];
let run = 0;
const figures = {
  schedules: 0,
  steps: 0,
  crashes: 0,
  faults: 0,
  portalRestarts: 0,
  actions: 0,
  filesDownloaded: 0,
  filesRefused: 0,
};
const outcomes: Record<string, number> = {};

beforeAll(async () => {
  portal = await launchPortal();
  proxy = await startFaultProxy(() => portal.url);
  await submitDossiers(portal, 18, 'faults');
  await portal.client().trpc.dev.createAgent.mutate({
    name: 'Observateur Fautes',
    login: 'observateur.fautes',
    role: 'supervisor',
    password: TEST_PASSWORD,
  });
  const view = await portalView();
  nord = [...view.keys()];
  expect(nord.length).toBeGreaterThanOrEqual(8);
}, 180_000);

const summary = () =>
  `Fautes : ${figures.schedules} scénarios, ${figures.steps} étapes, ${figures.actions} actions, ` +
  `${figures.crashes} postes tués, ${figures.faults} pannes réseau, ${figures.portalRestarts} redémarrages du portail, ` +
  `${figures.filesDownloaded} fichiers téléchargés, ${figures.filesRefused} téléchargements refusés ou échoués ; ` +
  `issues : ${JSON.stringify(outcomes)}`;

afterAll(async () => {
  await proxy?.close();
  await portal?.close();
  console.info(summary());
});

async function observerToken(): Promise<string> {
  return (
    await portal
      .client()
      .trpc.backoffice.login.mutate({ login: 'observateur.fautes', password: TEST_PASSWORD })
  ).token;
}

async function portalLog() {
  return readPortalLog(portal, await observerToken());
}

async function portalView() {
  return (await portalLog()).dossiers;
}

interface Station {
  dir: string;
  login: string;
  skew: number;
  process: WorkstationProcess;
  acknowledged: Set<string>;
}

async function boot(station: Omit<Station, 'process'> & { process?: WorkstationProcess }) {
  station.process = await startWorkstationProcess({
    dataDir: station.dir,
    portalUrl: proxy.url,
    clockSkewMs: station.skew,
  });
  await station.process.command('login', { login: station.login, password: TEST_PASSWORD });
  return station as Station;
}

/** Runs a command; a workstation killed meanwhile is started again on its data folder. */
async function attempt(station: Station, command: () => Promise<unknown>): Promise<unknown> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof WorkstationDied)) return error;
    figures.crashes += 1;
    await boot(station);
    return error;
  }
}

async function perform(
  stations: Station[],
  dossiers: string[],
  step: Act | Sync | Download,
): Promise<void> {
  const station = stations[step.ws]!;
  if (step.kind === 'download') {
    if (step.fault) {
      figures.faults += 1;
      proxy.inject('/files/', step.fault);
    }
    const round = (await attempt(station, () => station.process.command('download'))) as {
      downloaded?: number;
      corrupted?: number;
      failed?: number;
    };
    figures.filesDownloaded += round.downloaded ?? 0;
    figures.filesRefused += (round.corrupted ?? 0) + (round.failed ?? 0);
    proxy.clear();
    return;
  }
  if (step.kind === 'act') {
    const result = (await attempt(station, () =>
      station.process.command<{ id: string }>('enqueue', {
        type: step.type,
        applicationNumber: dossiers[step.dossier],
        payload: PAYLOADS[step.type],
      }),
    )) as { id?: string };
    if (result && typeof result.id === 'string') station.acknowledged.add(result.id);
    return;
  }
  if (step.fault) {
    figures.faults += 1;
    proxy.inject(
      step.on === 'push' ? '/trpc/backoffice.push' : '/trpc/backoffice.changes',
      step.fault,
    );
  }
  await attempt(station, () => station.process.command('sync'));
  proxy.clear();
}

async function runSchedule(plan: {
  skews: [number, number];
  dossiers: number[];
  steps: Step[];
}): Promise<void> {
  run += 1;
  figures.schedules += 1;
  const dossiers = plan.dossiers.map((index) => nord[index]!);
  const stations: Station[] = [];
  try {
    for (const [index, skew] of plan.skews.entries()) {
      const login = `poste${run}.agent${index}`;
      await portal.client().trpc.dev.createAgent.mutate({
        name: `Agent ${run}-${index}`,
        login,
        role: 'agent',
        password: TEST_PASSWORD,
      });
      const station = await boot({
        dir: mkdtempSync(join(tmpdir(), 'instructeur-faute-')),
        login,
        skew,
        acknowledged: new Set(),
      });
      await station.process.command('sync');
      stations.push(station);
    }

    for (const current of plan.steps) {
      figures.steps += 1;
      if (current.kind === 'portal') {
        figures.portalRestarts += 1;
        await portal.restart(current.how);
      } else if (current.kind === 'crash') {
        const station = stations[current.then.ws]!;
        await station.process.command('armCrash', { step: current.at });
        await perform(stations, dossiers, current.then);
        if (station.process.alive) await station.process.command('armCrash', { step: 'none' });
      } else {
        await perform(stations, dossiers, current);
      }
    }

    // The faults stop: each workstation syncs until nothing waits, then once more to see the other's effects.
    proxy.clear();
    for (let round = 0; round < 4; round++) {
      for (const station of stations) {
        const status = (await station.process.command('status')) as { connection: string };
        if (status.connection === 'reauth')
          await station.process.command('login', { login: station.login, password: TEST_PASSWORD });
        await station.process.command('sync');
      }
    }

    const log = await portalLog();
    for (const station of stations) {
      const outbox = (await station.process.command('outbox')) as OutboxEntry[];
      const ids = new Set(outbox.map((entry) => entry.id));
      // Nothing acknowledged to the agent is lost.
      for (const id of station.acknowledged) expect(ids.has(id), `action ${id} lost`).toBe(true);
      for (const entry of outbox) {
        figures.actions += 1;
        outcomes[entry.state] = (outcomes[entry.state] ?? 0) + 1;
        expect(entry.state, `action ${entry.id} still pending`).not.toBe('pending');
        const effects = log.effects.get(entry.id) ?? 0;
        // Applied exactly once, or not at all and surfaced to the agent.
        expect(effects, `${entry.type} ${entry.id} (${entry.state})`).toBe(
          entry.state === 'applied' || entry.state === 'duplicate' ? 1 : 0,
        );
      }
      const local = (await station.process.command('view')) as {
        applicationNumber: string;
        version: number;
        status: string;
        assignedAgentId: unknown;
      }[];
      // A truncated or corrupted download is never kept as a file.
      const files = (await station.process.command('verifyFiles')) as { damaged: string[] };
      expect(files.damaged).toEqual([]);
      const mirror = new Map(
        local.map(({ applicationNumber, ...rest }) => [applicationNumber, rest]),
      );
      expect(mirror).toEqual(log.dossiers);
    }
  } finally {
    for (const station of stations) {
      await station.process.exit();
      rmSync(station.dir, { recursive: true, force: true });
    }
    // A long run says where it stands (on stderr, which vitest shows as it comes).
    if (figures.schedules % 25 === 0)
      process.stderr.write(`${new Date().toISOString()} ${summary()}\n`);
  }
}

describe('sync under faults', () => {
  it(
    `keeps every action exactly once and the copies equal to the portal (${RUNS} schedules)`,
    async () => {
      await fc.assert(fc.asyncProperty(schedule, runSchedule), {
        numRuns: RUNS,
        ...(process.env.FAULT_SEED ? { seed: Number(process.env.FAULT_SEED) } : {}),
        endOnFailure: true,
      });
    },
    Math.max(120_000, RUNS * 20_000),
  );
});

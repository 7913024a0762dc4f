import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { planApplicant } from '../../../simulator/dossier/build';
import { createBackend } from '../backend';
import { DEMO_SEED, seedDemoDossiers } from '../demo/demo-dossiers';
import { PORTAL_SCRIPT, SIMULATOR_SCRIPT } from '../testing/portal-fixture';
import { DEMO_MARKER, startEmbeddedPortal } from './embedded-portal';
import { createPortalClient } from './portal-client';

// The embedded default on a new workstation: its own portal process, the demo agents, demo
// dossiers filed by the simulator, synced into the queue; and nothing seeded again at the next start.

const dataDir = mkdtempSync(join(tmpdir(), 'instructeur-embarque-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const log: string[] = [];
const open = () =>
  createBackend({
    dataDir,
    version: 'test',
    log: (line) => log.push(line),
    embedded: { portalScript: PORTAL_SCRIPT, simulatorScript: SIMULATOR_SCRIPT, seedApplicants: 3 },
    autoSync: false,
  });

describe('embedded default', () => {
  it('starts its portal, seeds demo dossiers on the first run only, and lets the demo agent sync them', async () => {
    const first = await open();
    try {
      expect(first.demo).toBe(true);
      expect(first.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.demoAccounts.map((account) => account.login)).toEqual([
        'agent.nord',
        'chef.nord',
      ]);
      expect(await first.seeding, log.join('\n')).toBe(0);
      const login = await first.auth.login('agent.nord', 'Demo-Agent-59');
      expect(login).toMatchObject({ mode: 'online', agent: { displayName: 'Camille Lefebvre' } });
      expect((await first.sync.syncNow()).ok).toBe(true);
      // The simulator's first applicants live in the Nord, Pas-de-Calais…: at least one is ours.
      expect(first.applications.count({ serviceCode: '59' })).toBeGreaterThanOrEqual(1);
    } finally {
      await first.close();
    }

    const again = await open();
    try {
      expect(again.seeding).toBeNull();
      // The demo agents exist already: creating them again is not an error.
      expect((await again.auth.login('chef.nord', 'Demo-Chef-59')).agent.role).toBe('supervisor');
    } finally {
      await again.close();
    }
  }, 60_000);
});

// The demo's seeding and its marker with the real programs, the test playing the backend's part:
// filing demo dossiers when `firstRun` says so, and `markSeeded()` once the simulator exits with 0.
describe('embedded default: the demo seeding', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'instructeur-embarque-'));
    dirs.push(dir);
    return dir;
  };
  const start = (dir: string, seedsDemo = true) =>
    startEmbeddedPortal({ script: PORTAL_SCRIPT, dataDir: dir, seedsDemo });
  const markerOf = (dir: string) => readFileSync(join(dir, 'portal', DEMO_MARKER), 'utf8');

  /** The Nord's dossiers as the demo agent pulls them: the e-mail of each one's applicant. */
  async function nordApplicants(url: string): Promise<string[]> {
    const visitor = createPortalClient({ url });
    const { token } = await visitor.trpc.backoffice.login.mutate({
      login: 'agent.nord',
      password: 'Demo-Agent-59',
    });
    const agent = createPortalClient({ url, token: () => token });
    const { changes, hasMore } = await agent.trpc.backoffice.changes.query({
      after: null,
      limit: 500,
    });
    expect(hasMore).toBe(false);
    return changes
      .filter((change) => change.type === 'application.submitted')
      .map((change) => String((change.data.applicant as { email: string }).email))
      .sort();
  }

  it('starts a seeding cut short over from an empty folder, until one run finishes and is marked', async () => {
    const dir = newDataDir();
    const seed = (url: string, log?: (line: string) => void) =>
      seedDemoDossiers({
        script: SIMULATOR_SCRIPT,
        portalUrl: url,
        applicants: 2,
        ...(log ? { log } : {}),
      });

    // A new workstation, killed while the simulator files the demo: its portal dies with it.
    const first = await start(dir);
    expect(first.firstRun).toBe(true);
    expect(markerOf(dir)).toBe('seeding\n');
    let crash: Promise<void> | undefined;
    await seed(first.process.url, (line) => {
      if (/déposée/.test(line)) crash ??= first.process.kill();
    });
    await crash;
    expect(crash).toBeDefined();
    expect(existsSync(join(dir, 'portal', 'portal.sqlite'))).toBe(true);
    expect(markerOf(dir)).toBe('seeding\n');

    // The next start finds the seeding unfinished: the demo starts over, nothing of the first try left.
    const second = await start(dir);
    try {
      expect(second.firstRun).toBe(true);
      expect(await nordApplicants(second.process.url)).toEqual([]);
      // Applicant 1's e-mail is free again: the same seed files both, each once.
      const lines: string[] = [];
      const code = await seed(second.process.url, (line) => lines.push(line));
      expect(code, lines.join('\n')).toBe(0);
      second.markSeeded();
      expect(markerOf(dir)).toBe('seeded\n');
    } finally {
      await second.process.stop();
    }
    // Both live in the Nord (the first two of the simulator's coverage list).
    const today = parisDateOf(new Date());
    const demo = [0, 1].map((index) => planApplicant(DEMO_SEED, index, today).account.email);
    const third = await start(dir);
    try {
      expect(third.firstRun).toBe(false);
      expect(await nordApplicants(third.process.url)).toEqual([...demo].sort());
    } finally {
      await third.process.stop();
    }
  }, 120_000);

  it('never seeds nor empties a portal folder without the demo’s marker; an empty one is new', async () => {
    // An install from before the marker, or a portal someone worked in: data, no marker.
    const dir = newDataDir();
    const older = await start(dir, false);
    expect(older.firstRun).toBe(true);
    const visitor = createPortalClient({ url: older.process.url });
    const email = 'deja.la@example.com';
    await visitor.trpc.dev.createApplicant.mutate({ email });
    await older.process.stop();
    expect(existsSync(join(dir, 'portal', DEMO_MARKER))).toBe(false);

    const again = await start(dir);
    try {
      expect(again.firstRun).toBe(false);
      again.markSeeded();
      expect(
        await createPortalClient({ url: again.process.url }).trpc.dev.mailbox.query({ email }),
      ).toHaveLength(1);
    } finally {
      await again.process.stop();
    }
    expect(existsSync(join(dir, 'portal', DEMO_MARKER))).toBe(false);

    // A folder created by a start that stopped before marking it: nothing in it yet, seeded.
    const stopped = newDataDir();
    mkdirSync(join(stopped, 'portal'));
    const fresh = await start(stopped);
    try {
      expect(fresh.firstRun).toBe(true);
      expect(markerOf(stopped)).toBe('seeding\n');
    } finally {
      await fresh.process.stop();
    }
  }, 60_000);

  it('stops the simulator when its workstation ends (its stdin closes), filing no more', async () => {
    const started = await start(newDataDir());
    try {
      const child = spawn(
        process.execPath,
        [SIMULATOR_SCRIPT, '--portal', started.process.url, '--applicants', '60', '--seed', 'fin'],
        {
          env: { ...process.env, SIMULATOR_EXIT_WITH_PARENT: '1' },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (out += text));
      const exited = once(child, 'exit');
      // Once it has filed a first dossier, the workstation goes (as if killed: no signal sent).
      await expect.poll(() => /déposée/.test(out), { timeout: 45_000 }).toBe(true);
      child.stdin.end();
      const [code] = (await exited) as [number | null];
      expect(code).toBe(1);
      // It left before the end of its run, not after filing its sixty dossiers.
      expect(out).not.toMatch(/Simulation terminée|La simulation a échoué/);
    } finally {
      await started.process.stop();
    }
  }, 90_000);
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy';
import {
  createPortalAgent,
  readPortalLog,
  submitDossiers,
  TEST_PASSWORD,
  usePortalProcess,
} from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// How the sync gets over what goes wrong between a workstation and a real portal process: a
// proxy on loopback answers 5xx or 429, cuts every connection, or changes a page of the log.

const PUSH = '/trpc/backoffice.push';
const CHANGES = '/trpc/backoffice.changes';

const portal = usePortalProcess();
let proxy: FaultProxy;
let station: TestWorkstation;
let dossiers: string[];

const portalToken = async (login: string) =>
  (await portal().client().trpc.backoffice.login.mutate({ login, password: TEST_PASSWORD })).token;

/** How many times the portal applied each mutation id, and its copy of each dossier. */
const portalLog = async () => readPortalLog(portal(), await portalToken('claire.reprise'));

/** An action another agent makes on the portal directly (another workstation, as it were). */
async function elsewhere(type: string, applicationNumber: string, baseVersion: number) {
  const token = await portalToken('denis.ailleurs');
  const [result] = (
    await portal()
      .client(token)
      .trpc.backoffice.push.mutate({
        mutations: [
          {
            id: randomUUID(),
            type,
            applicationNumber,
            baseVersion,
            at: new Date().toISOString(),
            payload: type === 'sendMessage' ? { text: 'Message d’un autre poste.' } : {},
          },
        ],
      })
  ).results;
  expect(result).toMatchObject({ outcome: 'applied' });
}

const localVersion = (applicationNumber: string) =>
  station.backend.applications.get(applicationNumber)!.version;

beforeAll(async () => {
  proxy = await startFaultProxy(() => portal().url);
  await submitDossiers(portal(), 12, 'reprise-apres-panne');
  await createPortalAgent(portal(), { name: 'Claire Reprise', login: 'claire.reprise' });
  await createPortalAgent(portal(), { name: 'Denis Ailleurs', login: 'denis.ailleurs' });
  await createPortalAgent(portal(), { name: 'Emma Relance', login: 'emma.relance' });
  station = await openWorkstation(proxy.url);
  await station.login('claire.reprise', TEST_PASSWORD);
  expect((await station.backend.sync.syncNow()).ok).toBe(true);
  dossiers = station.backend.applications
    .listQueue({ serviceCode: '59', limit: 100, offset: 0 })
    .map((row) => row.applicationNumber);
  expect(dossiers.length).toBeGreaterThanOrEqual(3);
}, 120_000);

afterAll(async () => {
  await station?.close();
  await proxy?.close();
});

describe('sync recovery against a real portal', () => {
  it.each([
    { afterCommit: false, seen: 'before the portal saw it', outcome: 'applied' },
    { afterCommit: true, seen: 'after the portal applied it', outcome: 'duplicate' },
  ])(
    'keeps an action answered 503 $seen pending with its id, and the next sync applies it once',
    async ({ afterCommit, outcome }) => {
      const claire = await station.login('claire.reprise', TEST_PASSWORD);
      const dossier = dossiers[0]!;
      const base = localVersion(dossier);
      const entry = station.backend.actions.enqueue(claire, 'sendMessage', dossier, {
        text: 'Votre dossier est en cours d’examen.',
      });
      proxy.inject(PUSH, 'status5xx', { afterCommit });

      const failed = await station.backend.sync.syncNow();
      expect(failed.ok).toBe(false);
      expect(failed.error).toContain('HTTP 503');
      expect(station.backend.sync.status()).toMatchObject({
        connection: 'offline',
        pendingActions: 1,
      });
      expect(station.backend.outbox.get(entry.id)).toMatchObject({
        state: 'pending',
        attempts: 1,
        baseVersion: base,
      });
      expect(station.backend.outbox.get(entry.id)?.lastError).toContain('HTTP 503');
      expect((await portalLog()).effects.get(entry.id) ?? 0).toBe(afterCommit ? 1 : 0);

      const again = await station.backend.sync.syncNow();
      expect(again.ok).toBe(true);
      expect(proxy.pending()).toBe(0);
      // Sent again under the same id: the portal took it once, and recognized the retry.
      expect(station.backend.outbox.get(entry.id)).toMatchObject({
        state: outcome,
        resultVersion: base + 1,
      });
      const log = await portalLog();
      expect(log.effects.get(entry.id)).toBe(1);
      expect(log.dossiers.get(dossier)?.version).toBe(base + 1);
      expect(localVersion(dossier)).toBe(base + 1);
      expect(station.backend.sync.status()).toMatchObject({
        connection: 'online',
        pendingActions: 0,
        error: null,
      });
    },
  );

  it('still pulls when the portal refuses a push as a whole (429), and sends the action later', async () => {
    const claire = await station.login('claire.reprise', TEST_PASSWORD);
    const [mine, theirs] = [dossiers[1]!, dossiers[2]!];
    const entry = station.backend.actions.enqueue(claire, 'sendMessage', mine, {
      text: 'Pièce reçue, merci.',
    });
    const theirsBefore = localVersion(theirs);
    await elsewhere('sendMessage', theirs, theirsBefore);
    proxy.inject(PUSH, 'throttle');

    const refused = await station.backend.sync.syncNow();
    expect(refused.ok).toBe(false);
    // The other agent's change arrived all the same.
    expect(refused.pull?.changes).toBeGreaterThan(0);
    expect(localVersion(theirs)).toBe(theirsBefore + 1);
    expect(station.backend.outbox.get(entry.id)).toMatchObject({ state: 'pending', attempts: 1 });
    const status = station.backend.sync.status();
    expect(status).toMatchObject({ connection: 'online', pendingActions: 1, problems: 0 });
    expect(status.error).toContain('Trop de requêtes');
    expect(status.error).toContain('Nouvel essai automatique');

    expect((await station.backend.sync.syncNow()).ok).toBe(true);
    expect(station.backend.outbox.get(entry.id)?.state).toBe('applied');
    expect((await portalLog()).effects.get(entry.id)).toBe(1);
    expect(station.backend.sync.status().error).toBeNull();
  });

  it('writes nothing of a page with an unreadable change, not even its cursor, and says why', async () => {
    await station.login('claire.reprise', TEST_PASSWORD);
    expect((await station.backend.sync.syncNow()).ok).toBe(true);
    const [first, second] = [dossiers[0]!, dossiers[2]!];
    const before = {
      cursor: station.backend.syncState.get().cursor,
      first: localVersion(first),
      second: localVersion(second),
      events: station.backend.history.eventsOf(first).length,
    };
    await elsewhere('sendMessage', first, before.first);
    await elsewhere('sendMessage', second, before.second);
    // The page holds both changes; the second one's status is one the workstation cannot read.
    let unreadableSeq = 0;
    let unreadableIndex = -1;
    proxy.inject(CHANGES, 'rewrite', {
      rewrite: (body) => {
        const answer = JSON.parse(body) as {
          result: {
            data: {
              changes: { seq: number; type: string; applicationNumber: string; data: object }[];
            };
          };
        };
        const { changes } = answer.result.data;
        unreadableIndex = changes.findIndex(
          (change) => change.type === 'application.updated' && change.applicationNumber === second,
        );
        const target = changes[unreadableIndex];
        if (!target) return body;
        unreadableSeq = target.seq;
        target.data = { ...target.data, status: 'statut_inconnu' };
        return JSON.stringify(answer);
      },
    });

    const run = await station.backend.sync.syncNow();
    expect(run.ok).toBe(false);
    // Changes came before it on the page: they would be written if the page were not one transaction.
    expect(unreadableIndex).toBeGreaterThan(0);
    expect(run.error).toContain(`modification illisible (n° ${unreadableSeq}`);
    expect(run.error).toContain(second);
    expect(station.backend.sync.status().error).toBe(run.error);
    expect(station.backend.syncState.get().cursor).toBe(before.cursor);
    expect(localVersion(first)).toBe(before.first);
    expect(localVersion(second)).toBe(before.second);
    expect(station.backend.history.eventsOf(first)).toHaveLength(before.events);

    // The same page read as the portal sent it goes in whole.
    expect((await station.backend.sync.syncNow()).ok).toBe(true);
    expect(localVersion(first)).toBe(before.first + 1);
    expect(localVersion(second)).toBe(before.second + 1);
    expect(Number(station.backend.syncState.get().cursor)).toBeGreaterThanOrEqual(unreadableSeq);
  });

  it('retries on its own, waiting longer after each failure, until the portal is back', async () => {
    const first = 100;
    const max = 800;
    const background = await openWorkstation(proxy.url, {
      autoSync: true,
      syncIntervalMs: 600_000,
      syncRetryMs: first,
      syncMaxRetryMs: max,
    });
    try {
      const emma = await background.login('emma.relance', TEST_PASSWORD);
      expect((await background.backend.sync.syncNow()).ok).toBe(true);
      const dossier = dossiers[1]!;
      const from = proxy.triggered.length;
      const pushes = () =>
        proxy.triggered.slice(from).filter((fault) => fault.path.startsWith(PUSH));
      // The portal cannot be reached: every connection is cut.
      proxy.inject('/', 'cutBefore', { times: 100_000 });
      // The action is the last thing anyone does: from here on, only the engine's timer syncs.
      const entry = background.backend.actions.enqueue(emma, 'sendMessage', dossier, {
        text: 'Nous revenons vers vous rapidement.',
      });
      await vi.waitFor(() => expect(pushes().length).toBeGreaterThanOrEqual(5), {
        timeout: 60_000,
        interval: 20,
      });
      const status = background.backend.sync.status();
      expect(status).toMatchObject({ connection: 'offline', pendingActions: 1 });
      expect(Date.parse(status.nextAttemptAt!) - Date.now()).toBeLessThanOrEqual(max);
      // Each wait is at least the one planned after that many failures in a row: 100, 200, 400,
      // 800 ms (timers never fire early; a slow machine only makes them longer).
      const times = pushes().map((fault) => fault.at);
      for (let failure = 1; failure < 5; failure += 1)
        expect(times[failure]! - times[failure - 1]!).toBeGreaterThanOrEqual(
          Math.min(max, first * 2 ** (failure - 1)) - 2,
        );
      expect(background.backend.outbox.get(entry.id)).toMatchObject({ state: 'pending' });

      proxy.clear();
      await vi.waitFor(
        () => {
          expect(background.backend.outbox.get(entry.id)?.state).toBe('applied');
          expect(background.backend.sync.status()).toMatchObject({
            connection: 'online',
            pendingActions: 0,
          });
        },
        { timeout: 60_000, interval: 20 },
      );
      expect(background.backend.outbox.get(entry.id)!.attempts).toBeGreaterThanOrEqual(5);
      expect((await portalLog()).effects.get(entry.id)).toBe(1);
    } finally {
      proxy.clear();
      await background.close();
    }
  });
});

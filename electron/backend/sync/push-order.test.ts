import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPortalAgent,
  readPortalLog,
  submitDossiers,
  TEST_PASSWORD,
  usePortalProcess,
} from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// Two agents sharing one workstation: the portal must receive each dossier's actions in the order
// they were made, since each action's base version counts every agent's pending actions on it.

const portal = usePortalProcess();
let station: TestWorkstation;
let x: string;
let y: string;
let z: string;

/** The dossier's version in the workstation's mirror (each test starts after a full sync). */
const versionOf = (applicationNumber: string) =>
  station.backend.applications.get(applicationNumber)!.version;

const login = async (who: 'alice' | 'bruno') =>
  station.backend.auth.login(who === 'alice' ? 'alice.ordre' : 'bruno.ordre', TEST_PASSWORD);

async function portalDossier(applicationNumber: string) {
  const { token } = await portal()
    .client()
    .trpc.backoffice.login.mutate({ login: 'alice.ordre', password: TEST_PASSWORD });
  return (await readPortalLog(portal(), token)).dossiers.get(applicationNumber);
}

beforeAll(async () => {
  await submitDossiers(portal(), 12, 'ordre-poste-partage');
  await createPortalAgent(portal(), { name: 'Alice Ordre', login: 'alice.ordre' });
  await createPortalAgent(portal(), { name: 'Bruno Ordre', login: 'bruno.ordre' });
  station = await openWorkstation(portal().url);
  await login('alice');
  expect((await station.backend.sync.syncNow()).ok).toBe(true);
  const dossiers = station.backend.applications
    .listQueue({ serviceCode: '59', limit: 100, offset: 0 })
    .map((row) => row.applicationNumber);
  expect(dossiers.length).toBeGreaterThanOrEqual(3);
  [x, y, z] = dossiers as [string, string, string];
}, 120_000);

afterAll(async () => {
  await station?.close();
});

describe('push order with several agents on one workstation', () => {
  it('sends the actions of a dossier in the order they were made, whoever made them', async () => {
    const { agent: bruno } = await login('bruno');
    const { agent: alice } = await login('alice');
    const base = versionOf(x);
    const onY = station.backend.actions.enqueue(alice, 'assign', y);
    const fromBruno = station.backend.actions.enqueue(bruno, 'assign', x);
    const fromAlice = station.backend.actions.enqueue(alice, 'sendMessage', x, {
      text: 'Votre dossier est pris en charge.',
    });
    expect([fromBruno.baseVersion, fromAlice.baseVersion]).toEqual([base, base + 1]);

    const run = await station.backend.sync.syncNow();
    expect(run.ok).toBe(true);
    for (const entry of [onY, fromBruno, fromAlice])
      expect(station.backend.outbox.get(entry.id)).toMatchObject({ state: 'applied' });
    expect(station.backend.outbox.get(fromAlice.id)?.resultVersion).toBe(base + 2);
    expect(station.backend.sync.status()).toMatchObject({ pendingActions: 0, problems: 0 });
    expect(await portalDossier(x)).toMatchObject({ version: base + 2, assignedAgentId: bruno.id });
  });

  it('holds back the actions that follow, on the same dossier, one of an agent who must log in again', async () => {
    const { agent: alice } = await login('alice');
    const { token: brunoSession, agent: bruno } = await login('bruno');
    const base = versionOf(x);
    const fromBruno = station.backend.actions.enqueue(bruno, 'assign', x);
    // Bruno leaves: his portal token goes with his session, his action waits for him.
    station.backend.auth.logout(brunoSession);
    const behindBruno = station.backend.actions.enqueue(alice, 'sendMessage', x, {
      text: 'Un agent reprend votre dossier.',
    });
    const onY = station.backend.actions.enqueue(alice, 'assign', y);
    const onZ = station.backend.actions.enqueue(alice, 'assign', z);
    expect(behindBruno.baseVersion).toBe(base + 1);

    const run = await station.backend.sync.syncNow();
    expect(run.ok).toBe(true);
    // Alice's action on Bruno's dossier waits behind his, instead of reaching the portal first.
    expect(station.backend.outbox.get(behindBruno.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
    expect(station.backend.outbox.get(fromBruno.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
    // Other dossiers go on.
    expect(station.backend.outbox.get(onY.id)?.state).toBe('applied');
    expect(station.backend.outbox.get(onZ.id)?.state).toBe('applied');
    expect(run.push).toMatchObject({ waitingFor: [bruno.id], heldBack: 1 });
    expect(station.backend.sync.status()).toMatchObject({ pendingActions: 2, problems: 0 });
    expect(station.backend.sync.status().error).toContain('reconnexion de Bruno Ordre');
    expect(await portalDossier(x)).toMatchObject({ version: base });

    await login('bruno');
    expect((await station.backend.sync.syncNow()).ok).toBe(true);
    expect(station.backend.outbox.get(fromBruno.id)).toMatchObject({
      state: 'applied',
      resultVersion: base + 1,
    });
    expect(station.backend.outbox.get(behindBruno.id)).toMatchObject({
      state: 'applied',
      resultVersion: base + 2,
    });
    expect(station.backend.sync.status()).toMatchObject({
      pendingActions: 0,
      problems: 0,
      error: null,
    });
  });

  it('holds back the same way when the portal refuses an agent’s expired token during the push', async () => {
    const { agent: bruno } = await login('bruno');
    const base = versionOf(x);
    const fromBruno = station.backend.actions.enqueue(bruno, 'assign', x);
    // Every token of the portal expires (8 h); Alice logs in again, Bruno's token is kept, stale.
    const later = new Date(Date.now() + 9 * 3600_000).toISOString();
    await portal().client().trpc.dev.setClock.mutate({ at: later });
    try {
      const { agent: alice } = await login('alice');
      const behindBruno = station.backend.actions.enqueue(alice, 'sendMessage', x, {
        text: 'Un agent reprend votre dossier.',
      });
      const onY = station.backend.actions.enqueue(alice, 'assign', y);

      const run = await station.backend.sync.syncNow();
      expect(run.ok).toBe(true);
      expect(station.backend.outbox.get(behindBruno.id)).toMatchObject({
        state: 'pending',
        attempts: 0,
      });
      expect(station.backend.outbox.get(fromBruno.id)?.state).toBe('pending');
      expect(station.backend.outbox.get(onY.id)?.state).toBe('applied');
      expect(run.push).toMatchObject({ waitingFor: [bruno.id], heldBack: 1 });
      // The next sync does not try Bruno's dropped token again, and still holds Alice's back.
      const next = await station.backend.sync.syncNow();
      expect(next).toMatchObject({ ok: true, push: { sent: 0, waitingFor: [bruno.id] } });

      await login('bruno');
      expect((await station.backend.sync.syncNow()).ok).toBe(true);
      expect(station.backend.outbox.get(behindBruno.id)).toMatchObject({
        state: 'applied',
        resultVersion: base + 2,
      });
      expect(station.backend.sync.status()).toMatchObject({ pendingActions: 0, problems: 0 });
    } finally {
      await portal().client().trpc.dev.setClock.mutate({ at: null });
    }
  });
});

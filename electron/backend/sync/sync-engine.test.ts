import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPortalAgent,
  readPortalLog,
  submitDossiers,
  usePortalProcess,
  type TestPortal,
} from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// Two workstations of the Nord service and a real portal process: pull, outbox, conflicts.

const portal = usePortalProcess();
let alice: TestWorkstation;
let bruno: TestWorkstation;
let aliceId: string;
let brunoId: string;
let nordDossiers: string[];

async function portalView(p: TestPortal, token: string) {
  return (await readPortalLog(p, token)).dossiers;
}

function localView(workstation: TestWorkstation, serviceCode = '59') {
  const rows = workstation.backend.applications.listQueue({
    serviceCode,
    limit: 10_000,
    offset: 0,
  });
  return new Map(
    rows.map((row) => [
      row.applicationNumber,
      { version: row.version, status: row.status, assignedAgentId: row.assignedAgentId },
    ]),
  );
}

beforeAll(async () => {
  await submitDossiers(portal(), 12, 'sync-engine');
  aliceId = (await createPortalAgent(portal(), { name: 'Alice Martin', login: 'alice.martin' }))
    .agentId;
  brunoId = (await createPortalAgent(portal(), { name: 'Bruno Petit', login: 'bruno.petit' }))
    .agentId;
  alice = await openWorkstation(portal().url);
  bruno = await openWorkstation(portal().url);
}, 120_000);

afterAll(async () => {
  await alice?.close();
  await bruno?.close();
});

describe('sync engine against a real portal', () => {
  it('logs in online, pulls the service’s dossiers with their history, documents and files', async () => {
    const agent = await alice.login('alice.martin', 'Essai-Poste-2026');
    expect(agent.id).toBe(aliceId);
    const run = await alice.backend.sync.syncNow();
    expect(run).toMatchObject({ ok: true });
    const token = await portal()
      .client()
      .trpc.backoffice.login.mutate({ login: 'alice.martin', password: 'Essai-Poste-2026' });
    const expected = await portalView(portal(), token.token);
    expect(localView(alice)).toEqual(expected);
    nordDossiers = [...expected.keys()];
    expect(nordDossiers.length).toBeGreaterThan(2);

    const first = nordDossiers[0]!;
    const events = alice.backend.history.eventsOf(first);
    expect(events[0]).toMatchObject({ type: 'application.submitted', version: 1 });
    const versions = alice.backend.history.documentVersionsOf(first);
    expect(versions.length).toBeGreaterThan(2);
    expect(versions.every((v) => v.version === 1 && v.source === 'submission')).toBe(true);
    const status = alice.backend.sync.status();
    expect(status).toMatchObject({ connection: 'online', pendingActions: 0, problems: 0 });
    expect(status.lastSuccessAt).not.toBeNull();
    // Agents of the service are mirrored from the portal's directory.
    expect(alice.backend.agents.findById(brunoId)?.displayName).toBe('Bruno Petit');
  });

  it('sends an action through the outbox and sees its effect after the pull', async () => {
    const dossier = nordDossiers[0]!;
    const agent = await alice.login('alice.martin', 'Essai-Poste-2026');
    const entry = alice.backend.actions.enqueue(agent, 'assign', dossier);
    expect(entry).toMatchObject({ state: 'pending', baseVersion: 1 });
    expect(alice.backend.outbox.markers([dossier]).get(dossier)).toEqual({
      pending: 1,
      problems: 0,
    });
    const journal = alice.backend.journal.list({ applicationNumber: dossier, limit: 5 });
    expect(journal[0]).toMatchObject({
      action: 'application.assign',
      details: { outboxId: entry.id },
    });

    const run = await alice.backend.sync.syncNow();
    expect(run.ok).toBe(true);
    expect(alice.backend.outbox.get(entry.id)).toMatchObject({
      state: 'applied',
      resultVersion: 2,
    });
    expect(alice.backend.applications.get(dossier)).toMatchObject({
      version: 2,
      assignedAgentId: aliceId,
    });

    // The files of the agent's own dossiers are fetched for offline review, hash-checked.
    const round = await alice.backend.downloads.runOnce();
    expect(round.halted).toBeNull();
    const documents = alice.backend.history.documentVersionsOf(dossier).flatMap((v) => v.files);
    for (const file of documents) {
      expect(alice.backend.files.get(file.sha256)?.state).toBe('ready');
      expect((await alice.backend.blobs.get(file.sha256)).length).toBe(file.size);
    }
    expect(alice.backend.sync.status().downloads).toMatchObject({ queued: 0, failed: 0 });
  });

  it('chains base versions of actions made offline on one dossier', async () => {
    const dossier = nordDossiers[1]!;
    const agent = await alice.login('alice.martin', 'Essai-Poste-2026');
    const assign = alice.backend.actions.enqueue(agent, 'assign', dossier);
    const review = alice.backend.actions.enqueue(agent, 'startReview', dossier);
    expect([assign.baseVersion, review.baseVersion]).toEqual([1, 2]);
    await alice.backend.sync.syncNow();
    expect(alice.backend.outbox.get(review.id)).toMatchObject({
      state: 'applied',
      resultVersion: 3,
    });
    expect(alice.backend.applications.get(dossier)).toMatchObject({
      status: 'in_review',
      version: 3,
    });
  });

  it('surfaces a conflict when two agents decide the same dossier offline, and lets the loser re-apply', async () => {
    const dossier = nordDossiers[2]!;
    const a = await alice.login('alice.martin', 'Essai-Poste-2026');
    const b = await bruno.login('bruno.petit', 'Essai-Poste-2026');
    await bruno.backend.sync.syncNow();
    const fromAlice = alice.backend.actions.enqueue(a, 'assign', dossier);
    const fromBruno = bruno.backend.actions.enqueue(b, 'assign', dossier);
    await alice.backend.sync.syncNow();
    await bruno.backend.sync.syncNow();
    expect(alice.backend.outbox.get(fromAlice.id)?.state).toBe('applied');
    const lost = bruno.backend.outbox.get(fromBruno.id);
    expect(lost).toMatchObject({ state: 'conflict' });
    expect(lost?.reason).toContain('version');
    expect(bruno.backend.sync.status().problems).toBe(1);

    const [problem] = bruno.backend.outbox.problems();
    expect(problem?.id).toBe(fromBruno.id);
    // Nothing behind the conflict is blocked: another action of Bruno's goes through.
    const other = bruno.backend.actions.enqueue(b, 'assign', nordDossiers[3]!);
    await bruno.backend.sync.syncNow();
    expect(bruno.backend.outbox.get(other.id)?.state).toBe('applied');

    const again = bruno.backend.actions.resolve(b, fromBruno.id, 'reapply');
    expect(again).toMatchObject({ baseVersion: 2, replaces: fromBruno.id });
    await bruno.backend.sync.syncNow();
    expect(bruno.backend.outbox.get(again!.id)?.state).toBe('applied');
    expect(bruno.backend.outbox.get(fromBruno.id)).toMatchObject({ resolution: 'reapplied' });
    expect(bruno.backend.sync.status().problems).toBe(0);
    expect(bruno.backend.applications.get(dossier)?.assignedAgentId).toBe(brunoId);
  });

  it('settles an illegal action as rejected with the portal’s reason, and drops it on request', async () => {
    const dossier = nordDossiers[4] ?? nordDossiers[3]!;
    const b = await bruno.login('bruno.petit', 'Essai-Poste-2026');
    const entry = bruno.backend.actions.enqueue(b, 'closeIncomplete', dossier);
    await bruno.backend.sync.syncNow();
    const settled = bruno.backend.outbox.get(entry.id);
    expect(settled?.state).toBe('rejected');
    expect(settled?.reason).toMatch(/[a-zé]/);
    expect(bruno.backend.actions.resolve(b, entry.id, 'drop')).toBeNull();
    expect(bruno.backend.outbox.get(entry.id)?.resolution).toBe('dropped');
  });

  it('keeps actions made while the portal is down, and sends them once it is back', async () => {
    const dossier = nordDossiers[3]!;
    const a = await alice.login('alice.martin', 'Essai-Poste-2026');
    await alice.backend.sync.syncNow();
    await portal().process.kill();
    const entry = alice.backend.actions.enqueue(a, 'assign', dossier);
    const offline = await alice.backend.sync.syncNow();
    expect(offline.ok).toBe(false);
    expect(alice.backend.sync.status()).toMatchObject({ connection: 'offline', pendingActions: 1 });
    expect(alice.backend.sync.status().error).toContain('portail');
    const waiting = alice.backend.outbox.get(entry.id);
    expect(waiting?.state).toBe('pending');
    // Tried once, kept with the same id for the next try.
    expect(waiting?.attempts).toBe(1);
    expect(waiting?.lastError).toContain('portail');

    await portal().restart();
    expect((await alice.backend.sync.syncNow()).ok).toBe(true);
    expect(alice.backend.outbox.get(entry.id)?.state).toBe('applied');
    expect(alice.backend.sync.status()).toMatchObject({ connection: 'online', pendingActions: 0 });
  });

  it('logs an agent in offline only when they logged in online on this workstation before', async () => {
    await portal().process.kill();
    try {
      const offline = await alice.backend.auth.login('alice.martin', 'Essai-Poste-2026');
      expect(offline.mode).toBe('offline');
      // Bruno never logged in on Alice's workstation.
      await expect(alice.backend.auth.login('bruno.petit', 'Essai-Poste-2026')).rejects.toThrow(
        /hors ligne est refusée/,
      );
      await expect(alice.backend.auth.login('alice.martin', 'Mauvais-1')).rejects.toThrow(
        /hors ligne est refusée/,
      );
    } finally {
      await portal().restart();
    }
  });

  it('restarts from the beginning when the portal does not know the cursor, keeping local work', async () => {
    const { token: session, agent: a } = await alice.backend.auth.login(
      'alice.martin',
      'Essai-Poste-2026',
    );
    const outboxBefore = alice.backend.outbox.ofApplication(nordDossiers[0]!);
    // Alice's work on a dossier, local and not yet sent: a note, a verdict on a document and an
    // action that waits in the outbox (she leaves; Bruno, on her workstation, syncs meanwhile).
    const worked = nordDossiers[1]!;
    const documentKey = alice.backend.history.documentVersionsOf(worked)[0]!.documentKey;
    const note = alice.backend.review.addNote({
      applicationNumber: worked,
      documentKey: null,
      agentId: a.id,
      text: 'Récit cohérent avec le dépôt de plainte.',
    });
    const verdict = alice.backend.review.setVerdict({
      applicationNumber: worked,
      documentKey,
      verdict: 'incomplete',
      observation: 'Page 2 illisible.',
      agentId: a.id,
      judgedVersion: 1,
    });
    const waiting = alice.backend.actions.enqueue(a, 'sendMessage', worked, {
      text: 'Merci de renvoyer la page 2 du récépissé de plainte.',
    });
    await alice.login('bruno.petit', 'Essai-Poste-2026');
    alice.backend.auth.logout(session);
    // A dossier the portal does not have (it was restored from an older backup).
    alice.backend.applications.upsert({
      applicationNumber: '5901209901010000001',
      procedure: 'vpf-teh',
      foreignerNumber: '5900000000',
      status: 'submitted',
      version: 1,
      submittedAt: '2026-01-01T10:00:00.000Z',
      applicantName: 'FANTOME Test',
      serviceCode: '59',
      assignedAgentId: null,
      data: {},
    });
    // A cursor beyond the portal's log.
    alice.backend.syncState.saveCursor('99999999');
    const run = await alice.backend.sync.syncNow();
    expect(run).toMatchObject({
      ok: true,
      push: { waitingFor: [aliceId] },
      pull: { resynced: true, removed: ['5901209901010000001'] },
    });
    const { token } = await portal()
      .client()
      .trpc.backoffice.login.mutate({ login: 'alice.martin', password: 'Essai-Poste-2026' });
    expect(localView(alice)).toEqual(await portalView(portal(), token));
    expect(alice.backend.outbox.ofApplication(nordDossiers[0]!)).toEqual(outboxBefore);
    expect(alice.backend.history.eventsOf(nordDossiers[0]!).length).toBeGreaterThan(1);
    expect(alice.backend.syncState.get()).toMatchObject({ resyncing: false });
    const kept = () => ({
      notes: alice.backend.review.notesOf(worked),
      verdicts: alice.backend.review.verdictsOf(worked),
    });
    expect(kept()).toEqual({ notes: [note], verdicts: [verdict] });
    expect(alice.backend.outbox.get(waiting.id)).toEqual(waiting);

    // Alice is back: her action, made before the resync, goes on the dossier as the resync left it.
    await alice.login('alice.martin', 'Essai-Poste-2026');
    expect((await alice.backend.sync.syncNow()).ok).toBe(true);
    expect(alice.backend.outbox.get(waiting.id)).toMatchObject({
      state: 'applied',
      resultVersion: waiting.baseVersion + 1,
    });
    expect(alice.backend.applications.get(worked)?.version).toBe(waiting.baseVersion + 1);
    expect(kept()).toEqual({ notes: [note], verdicts: [verdict] });
  });
});

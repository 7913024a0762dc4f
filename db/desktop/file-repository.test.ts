import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createAgentRepository } from './agent-repository';
import { createApplicationRepository } from './application-repository';
import { createFileRepository } from './file-repository';
import { openDesktopDatabase } from './open-desktop-database';

const temp = useTempFiles();

const CAMILLE = '0b8f7c1e-2f4a-4e8b-9a51-3c2d1e0f9a7b';
const KARIM = '5d2c9e4a-7b1f-4c3d-8e6a-9f0b1a2c3d4e';
const NOW = new Date('2026-03-02T09:00:00.000Z');

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const file = (name: string, size = 1000) => ({ sha256: sha(name), size, mime: 'application/pdf' });
const later = (ms: number) => new Date(NOW.getTime() + ms);

function setUp() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  const agents = createAgentRepository(db);
  for (const [id, login] of [
    [CAMILLE, 'camille'],
    [KARIM, 'karim'],
  ] as const)
    agents.create({
      id,
      login,
      displayName: login,
      role: 'agent',
      serviceCode: '59',
      passwordHash: null,
    });
  const applications = createApplicationRepository(db);
  function dossier(number: string, assignedAgentId: string | null, submittedAt: string) {
    applications.upsert({
      applicationNumber: number,
      procedure: 'vpf_traite',
      foreignerNumber: '1234567890',
      status: 'submitted',
      version: 1,
      submittedAt,
      applicantName: 'EXEMPLE Amina',
      serviceCode: '59',
      assignedAgentId,
      data: {},
    });
  }
  function pendingAssign(agentId: string, applicationNumber: string, payload: object = {}) {
    db.prepare(
      `INSERT INTO outbox (id, agent_id, type, application_number, base_version, at, payload, created_at)
       VALUES (?, ?, 'assign', ?, 1, ?, ?, ?)`,
    ).run(
      randomUUID(),
      agentId,
      applicationNumber,
      NOW.toISOString(),
      JSON.stringify(payload),
      NOW.toISOString(),
    );
  }
  return { db, files: createFileRepository(db), dossier, pendingAssign };
}

const A = '5900000000000000001';
const B = '5900000000000000002';
const C = '5900000000000000003';

describe('file repository', () => {
  it('records announced files once, as missing, linked to each dossier that refers to them', () => {
    const { db, files, dossier } = setUp();
    dossier(A, CAMILLE, '2026-03-01T08:00:00.000Z');
    dossier(B, CAMILLE, '2026-03-01T09:00:00.000Z');
    files.announce(A, [file('passeport'), file('plainte')]);
    files.announce(A, [file('passeport')]);
    files.announce(B, [file('passeport', 1000)]);
    expect(files.get(sha('passeport'))).toEqual({
      sha256: sha('passeport'),
      size: 1000,
      mime: 'application/pdf',
      state: 'missing',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      storedAt: null,
      lastUsedAt: null,
    });
    expect(db.prepare('SELECT count(*) FROM application_files').pluck().get()).toBe(3);
    expect(files.get(sha('inconnu'))).toBeUndefined();
  });

  it('joins the caller’s transaction: a page rolled back leaves no file behind', () => {
    const { db, files, dossier } = setUp();
    dossier(A, CAMILLE, '2026-03-01T08:00:00.000Z');
    const page = db.transaction(() => {
      files.announce(A, [file('passeport')]);
      throw new Error('page interrompue');
    });
    expect(page).toThrow('page interrompue');
    expect(files.get(sha('passeport'))).toBeUndefined();
  });

  it('refuses a hash that is not one instead of ignoring it', () => {
    const { files, dossier } = setUp();
    dossier(A, CAMILLE, '2026-03-01T08:00:00.000Z');
    expect(() => files.announce(A, [{ ...file('x'), sha256: 'ABC' }])).toThrow(/CHECK/);
  });

  it('wants the files of the agent’s dossiers, fresh ones first, then in queue order', () => {
    const { files, dossier } = setUp();
    dossier(A, CAMILLE, '2026-03-01T09:00:00.000Z');
    dossier(B, CAMILLE, '2026-03-01T08:00:00.000Z');
    dossier(C, KARIM, '2026-03-01T07:00:00.000Z');
    files.announce(A, [file('a1'), file('a2')]);
    files.announce(B, [file('b1')]);
    files.announce(C, [file('c1')]);
    files.markFailed(sha('b1'), 'Le portail ne répond pas.', later(-1));
    files.markReady(sha('a2'), NOW);

    const wanted = files.wanted(CAMILLE, 10, NOW).map((row) => row.sha256);
    expect(wanted).toEqual([sha('a1'), sha('b1')]);
    expect(files.wanted(CAMILLE, 1, NOW)).toEqual([
      { sha256: sha('a1'), size: 1000, mime: 'application/pdf', attempts: 0 },
    ]);
    expect(files.wanted(KARIM, 10, NOW).map((row) => row.sha256)).toEqual([sha('c1')]);
  });

  it('waits for the end of a failed file’s backoff, and says when it ends', () => {
    const { files, dossier } = setUp();
    dossier(A, CAMILLE, '2026-03-01T09:00:00.000Z');
    files.announce(A, [file('a1')]);
    files.markFailed(sha('a1'), 'Le portail a rencontré une erreur.', later(5_000));
    expect(files.get(sha('a1'))).toMatchObject({
      state: 'failed',
      attempts: 1,
      nextAttemptAt: later(5_000).toISOString(),
      lastError: 'Le portail a rencontré une erreur.',
    });
    expect(files.wanted(CAMILLE, 10, NOW)).toEqual([]);
    expect(files.nextRetryAt(CAMILLE, NOW)).toBe(later(5_000).toISOString());
    expect(files.wanted(CAMILLE, 10, later(5_000))).toHaveLength(1);
    expect(files.nextRetryAt(CAMILLE, later(5_000))).toBeNull();
    expect(files.progress(CAMILLE)).toEqual({ queued: 1, failed: 1, queuedBytes: 1000 });
  });

  it('counts a dossier taken while offline (pending assignment) in the agent’s set', () => {
    const { files, dossier, pendingAssign } = setUp();
    dossier(A, null, '2026-03-01T09:00:00.000Z');
    dossier(B, KARIM, '2026-03-01T09:00:00.000Z');
    dossier(C, null, '2026-03-01T09:00:00.000Z');
    files.announce(A, [file('a1')]);
    files.announce(B, [file('b1')]);
    files.announce(C, [file('c1')]);
    pendingAssign(CAMILLE, A);
    pendingAssign(KARIM, B, { agentId: CAMILLE });
    pendingAssign(CAMILLE, C, { agentId: KARIM });

    expect(
      files
        .wanted(CAMILLE, 10, NOW)
        .map((row) => row.sha256)
        .sort(),
    ).toEqual([sha('a1'), sha('b1')].sort());
    expect(
      files
        .wanted(KARIM, 10, NOW)
        .map((row) => row.sha256)
        .sort(),
    ).toEqual([sha('b1'), sha('c1')].sort());
  });

  it('sums what is here and what is still to download', () => {
    const { files, dossier } = setUp();
    dossier(A, CAMILLE, '2026-03-01T09:00:00.000Z');
    files.announce(A, [file('a1', 300), file('a2', 500), file('a3', 700)]);
    files.markReady(sha('a1'), NOW);
    files.markReady(sha('a2'), NOW);
    expect(files.readyBytes()).toBe(800);
    expect(files.progress(CAMILLE)).toEqual({ queued: 1, failed: 0, queuedBytes: 700 });
    expect(files.get(sha('a1'))).toMatchObject({
      state: 'ready',
      storedAt: NOW.toISOString(),
      attempts: 0,
    });
    files.markMissing(sha('a1'));
    expect(files.get(sha('a1'))).toMatchObject({ state: 'missing', storedAt: null });
    expect(files.readyBytes()).toBe(500);
  });

  it('offers for eviction only files outside the agent’s set, least recently used first', () => {
    const { files, dossier } = setUp();
    dossier(A, CAMILLE, '2026-03-01T09:00:00.000Z');
    dossier(B, KARIM, '2026-03-01T09:00:00.000Z');
    dossier(C, null, '2026-03-01T09:00:00.000Z');
    files.announce(A, [file('a1'), file('shared')]);
    files.announce(B, [file('b1'), file('shared')]);
    files.announce(C, [file('c1'), file('c2')]);
    for (const name of ['a1', 'shared', 'b1', 'c1', 'c2']) files.markReady(sha(name), NOW);
    files.touch(sha('b1'), later(60_000));
    files.touch(sha('c1'), later(30_000));

    expect(files.evictionCandidates(CAMILLE)).toEqual([
      { sha256: sha('c2'), size: 1000 },
      { sha256: sha('c1'), size: 1000 },
      { sha256: sha('b1'), size: 1000 },
    ]);
    expect(files.get(sha('b1'))?.lastUsedAt).toBe(later(60_000).toISOString());
  });
});

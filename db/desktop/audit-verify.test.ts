import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { actionColumns, createActionJournal, type StoredAction } from './action-journal';
import { createAgentRepository } from './agent-repository';
import { describeChainProblem, entryHash, PURGE_ACTION } from './audit-chain';
import { verifyJournal, verifyJournalFile } from './audit-verify';
import { purgeJournal } from './journal-retention';
import { openDesktopDatabase } from './open-desktop-database';

// The journal in a real file, written through ActionJournal, then changed directly in SQLite as
// someone with access to the file would: dropping the triggers first, as they could.

const temp = useTempFiles();
const APPLICATION = '5901202308160000181';

/** Five entries a day apart, 1 to 5 September 2023 (or on the days given). */
function journalOnFile(days = [1, 2, 3, 4, 5]) {
  const file = join(temp.dir(), 'instructeur.sqlite');
  const db = temp.closeLater(openDesktopDatabase(file));
  const agent = createAgentRepository(db).create({
    login: 'camille',
    displayName: 'Camille Exemple',
    role: 'agent',
    serviceCode: '59',
    passwordHash: null,
  });
  const journal = createActionJournal(db);
  const entries = [
    { actorId: agent.id, action: 'auth.login', details: { mode: 'online' } },
    {
      actorId: agent.id,
      action: 'application.assign',
      applicationNumber: APPLICATION,
      details: { outboxId: '0b8e4c1e-2f49-4d0a-9d1e-6a2f4b8c9d10' },
    },
    { actorId: null, action: 'auth.login_failed', details: { login: 'x' } },
    { actorId: agent.id, action: 'queue.export', details: { format: 'csv' } },
    { actorId: agent.id, action: 'auth.logout' },
  ];
  entries.forEach((entry, index) =>
    journal.record({ ...entry, at: `2023-09-${String(days[index]).padStart(2, '0')}T08:00:00Z` }),
  );
  return { file, db, journal };
}

/** Someone with access to the file: the triggers are in their way, so they drop them. */
function forger() {
  const { db } = journalOnFile();
  db.exec(`
    DROP TRIGGER actions_refuse_update;
    DROP TRIGGER actions_refuse_delete;
    DROP TRIGGER actions_refuse_replace;
    DROP TRIGGER actions_chain_link;`);
  return db;
}

/** A forger re-hashes the entry they changed, from its stored prevHash. */
function rehash(db: ReturnType<typeof openDesktopDatabase>, id: number) {
  const row = db
    .prepare<[number], StoredAction>(`SELECT ${actionColumns()} FROM actions WHERE id = ?`)
    .get(id) as StoredAction;
  const hash = entryHash({ ...row, details: JSON.parse(row.details) as unknown });
  db.prepare('UPDATE actions SET hash = ? WHERE id = ?').run(hash, id);
}

function failure(verdict: ReturnType<typeof verifyJournal>) {
  if (verdict.ok) throw new Error('the journal was found intact');
  return { ...verdict, text: describeChainProblem(verdict.problem) };
}

describe('audit:verify on the journal', () => {
  it('finds an untouched journal intact, first and last entries named', () => {
    const { db } = journalOnFile();
    const verdict = verifyJournal(db);
    expect(verdict).toMatchObject({
      ok: true,
      count: 5,
      first: { id: 1, at: '2023-09-01T08:00:00.000Z' },
      last: { id: 5, at: '2023-09-05T08:00:00.000Z', action: 'auth.logout' },
      purge: null,
    });
  });

  it('names an entry whose content was changed', () => {
    const db = forger();
    db.prepare(`UPDATE actions SET details = '{"mode":"offline"}' WHERE id = 1`).run();
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: { id: 1, at: '2023-09-01T08:00:00.000Z', action: 'auth.login' },
      text: 'hash ne correspond pas au contenu',
    });
  });

  it('names the entry after one that was deleted', () => {
    const db = forger();
    db.prepare('DELETE FROM actions WHERE id = 3').run();
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: { id: 4, action: 'queue.export' },
      text: "hash précédent ne correspond pas à l'entrée n° 2 : entrée supprimée ou insérée",
    });
  });

  it('names the entry after one that was changed and re-hashed', () => {
    const db = forger();
    db.prepare('UPDATE actions SET actor_id = NULL WHERE id = 2').run();
    rehash(db, 2);
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: { id: 3 },
      text: "hash précédent ne correspond pas à l'entrée n° 2 : entrée supprimée ou insérée",
    });
  });

  it('names the entry after one that was inserted among them', () => {
    const db = forger();
    // Room for a forged entry 3, dated between 2 and what was 3, hashed as the journal would.
    db.exec(`
      UPDATE actions SET id = -id WHERE id >= 3;
      UPDATE actions SET id = 1 - id WHERE id < 0;`);
    const prevHash = db.prepare('SELECT hash FROM actions WHERE id = 2').pluck().get() as string;
    const forged = {
      id: 3,
      at: '2023-09-02T12:00:00.000Z',
      actorId: null,
      action: 'auth.login',
      applicationNumber: null,
      details: {},
      prevHash,
    };
    db.prepare(
      `INSERT INTO actions (id, at, actor_id, action, application_number, details, prev_hash, hash)
       VALUES (3, @at, NULL, @action, NULL, '{}', @prevHash, @hash)`,
    ).run({ ...forged, hash: entryHash(forged) });
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: { id: 4, action: 'auth.login_failed' },
      text: "hash précédent ne correspond pas à l'entrée n° 3 : entrée supprimée ou insérée",
    });
  });

  it('notices entries removed from the end', () => {
    const db = forger();
    db.prepare('DELETE FROM actions WHERE id >= 4').run();
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: { id: 3 },
      problem: { kind: 'truncated', highestId: 5 },
    });
    db.prepare('DELETE FROM actions').run();
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: null,
      problem: { kind: 'truncated' },
    });
  });

  it('notices entries removed from the start', () => {
    const db = forger();
    db.prepare('DELETE FROM actions WHERE id = 1').run();
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: { id: 2 },
      text: 'hash précédent ne correspond pas au début du journal : entrée supprimée ou insérée au début du journal',
    });
  });
});

describe('retention purge', () => {
  it('removes the old entries, records itself in the chain, and the journal stays verifiable', () => {
    const { db, journal } = journalOnFile();
    const lastRemoved = db.prepare('SELECT hash FROM actions WHERE id = 3').pluck().get();
    const purge = purgeJournal(db, journal, {
      before: new Date('2023-09-04T00:00:00Z'),
      retentionDays: 365,
    });
    expect(purge.count).toBe(3);
    expect(purge.entry).toMatchObject({
      id: 6,
      actorId: null,
      action: PURGE_ACTION,
      details: {
        count: 3,
        lastRemovedId: 3,
        lastRemovedHash: lastRemoved,
        before: '2023-09-04T00:00:00.000Z',
        retentionDays: 365,
      },
    });
    expect(db.prepare('SELECT id FROM actions ORDER BY id').pluck().all()).toEqual([4, 5, 6]);
    expect(verifyJournal(db)).toMatchObject({
      ok: true,
      count: 3,
      first: { id: 4, prevHash: lastRemoved },
      purge: { entry: { id: 6 } },
    });
    // The permission closed with the purge: nothing else may be deleted.
    expect(db.prepare('SELECT through_id, before_at FROM actions_purge_window').get()).toEqual({
      through_id: null,
      before_at: null,
    });
    expect(() => db.prepare('DELETE FROM actions WHERE id = 4').run()).toThrow(
      /actions_append_only/,
    );

    // Nothing old enough: nothing removed, nothing recorded.
    expect(
      purgeJournal(db, journal, { before: new Date('2023-09-04T00:00:00Z'), retentionDays: 365 }),
    ).toEqual({ count: 0, entry: null });
    // A later purge removes the first purge's entry too; the chain then starts after it.
    const now = Date.now();
    journal.record({ actorId: null, action: 'auth.login_failed', at: new Date(now + 60_000) });
    const second = purgeJournal(db, journal, { before: new Date(now + 1_000), retentionDays: 1 });
    expect(second.count).toBe(3);
    expect(verifyJournal(db)).toMatchObject({
      ok: true,
      count: 2,
      first: { action: 'auth.login_failed' },
      purge: { entry: { id: second.entry?.id } },
    });
  });

  it('removes a prefix only: an entry dated out of order keeps those after it', () => {
    const { db, journal } = journalOnFile([1, 10, 3, 4, 5]);
    const purge = purgeJournal(db, journal, {
      before: new Date('2023-09-04T00:00:00Z'),
      retentionDays: 365,
    });
    expect(purge.count).toBe(1);
    expect(verifyJournal(db)).toMatchObject({ ok: true, count: 5, first: { id: 2 } });
  });

  it('notices the first kept entry removed after a purge', () => {
    const { db, journal } = journalOnFile();
    purgeJournal(db, journal, { before: new Date('2023-09-03T00:00:00Z'), retentionDays: 365 });
    db.exec('DROP TRIGGER actions_refuse_delete; DELETE FROM actions WHERE id = 3;');
    expect(failure(verifyJournal(db))).toMatchObject({
      entry: { id: 4 },
      text: "hash précédent ne correspond pas à la dernière entrée purgée (n° 2, purge inscrite à l'entrée n° 6) : entrée supprimée ou insérée au début du journal",
    });
  });

  it('verifies a file read-only while the application holds it open', () => {
    const { file, db, journal } = journalOnFile();
    purgeJournal(db, journal, { before: new Date('2023-09-03T00:00:00Z'), retentionDays: 365 });
    expect(verifyJournalFile(file)).toMatchObject({ ok: true, count: 4 });
    expect(db.prepare('SELECT count(*) FROM actions').pluck().get()).toBe(4);
  });
});

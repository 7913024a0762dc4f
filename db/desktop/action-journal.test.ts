import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createActionJournal } from './action-journal';
import { createAgentRepository } from './agent-repository';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { openDesktopDatabase } from './open-desktop-database';

const temp = useTempFiles();
const APPLICATION = '5901202308160000181';

function journalWithAgents() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  const agents = createAgentRepository(db);
  const base = { displayName: 'x', role: 'agent', serviceCode: '59', passwordHash: 'h' } as const;
  return {
    db,
    journal: createActionJournal(db),
    camille: agents.create({ ...base, login: 'camille' }),
    dominique: agents.create({ ...base, login: 'dominique' }),
  };
}

describe('action journal', () => {
  it('records an action and returns the stored row', () => {
    const { journal, camille } = journalWithAgents();
    const row = journal.record({
      actorId: camille.id,
      action: 'application.assign',
      applicationNumber: APPLICATION,
      details: { assignedAgentId: camille.id },
      at: '2023-09-17T10:00:00+02:00',
    });
    const content = {
      id: 1,
      at: '2023-09-17T08:00:00.000Z',
      actorId: camille.id,
      action: 'application.assign',
      applicationNumber: APPLICATION,
      details: { assignedAgentId: camille.id },
      prevHash: GENESIS_HASH,
    };
    expect(row).toEqual({ ...content, hash: entryHash(content) });
  });

  it('chains each entry to the previous one, and hashes what it stored', () => {
    const { journal, camille } = journalWithAgents();
    const first = journal.record({ actorId: camille.id, action: 'auth.login' });
    // undefined is not stored, a Date is stored as text: the hash covers the stored form.
    const second = journal.record({
      actorId: camille.id,
      action: 'queue.export',
      details: { format: 'csv', tab: undefined, on: new Date('2023-09-17T08:00:00Z') },
    });
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(second.details).toEqual({ format: 'csv', on: '2023-09-17T08:00:00.000Z' });
    expect(second.hash).toBe(entryHash(second));
    expect(journal.list({ limit: 2 })).toEqual([second, first]);
  });

  it('leaves no entry and no gap in the chain when the caller’s transaction rolls back', () => {
    const { db, journal, camille } = journalWithAgents();
    const first = journal.record({ actorId: camille.id, action: 'auth.login' });
    expect(() =>
      db.transaction(() => {
        journal.record({ actorId: camille.id, action: 'application.assign' });
        throw new Error('the outbox refused');
      })(),
    ).toThrow('the outbox refused');
    const next = journal.record({ actorId: camille.id, action: 'auth.logout' });
    expect(next).toMatchObject({ id: 2, prevHash: first.hash });
  });

  it('refuses an entry that does not follow the last one, whoever writes it', () => {
    const { db, journal, camille } = journalWithAgents();
    journal.record({ actorId: camille.id, action: 'auth.login' });
    expect(() =>
      db
        .prepare(
          `INSERT INTO actions (id, at, action, prev_hash, hash)
           VALUES (2, '2023-09-17T08:00:00.000Z', 'auth.logout', ?, ?)`,
        )
        .run(GENESIS_HASH, 'a'.repeat(64)),
    ).toThrow(/actions_append_only/);
  });

  it('records a system action with no actor, no dossier, no details, at the current time', () => {
    const { journal } = journalWithAgents();
    const before = new Date().toISOString();
    const row = journal.record({ actorId: null, action: 'auth.login_failed' });
    expect(row).toMatchObject({ actorId: null, applicationNumber: null, details: {} });
    expect(row.at >= before && row.at <= new Date().toISOString()).toBe(true);
  });

  it('lists newest first, filtered by dossier and by actor, up to the limit', () => {
    const { journal, camille, dominique } = journalWithAgents();
    const other = '5901202308170000007';
    const a = journal.record({ actorId: camille.id, action: 'auth.login' });
    const b = journal.record({
      actorId: camille.id,
      action: 'application.start_review',
      applicationNumber: APPLICATION,
    });
    const c = journal.record({
      actorId: dominique.id,
      action: 'application.assign',
      applicationNumber: APPLICATION,
    });
    const d = journal.record({
      actorId: dominique.id,
      action: 'application.assign',
      applicationNumber: other,
    });
    const ids = (rows: { id: number }[]) => rows.map(({ id }) => id);
    expect(ids(journal.list({ limit: 10 }))).toEqual([d.id, c.id, b.id, a.id]);
    expect(ids(journal.list({ limit: 2 }))).toEqual([d.id, c.id]);
    expect(ids(journal.list({ applicationNumber: APPLICATION, limit: 10 }))).toEqual([c.id, b.id]);
    expect(ids(journal.list({ actorId: camille.id, limit: 10 }))).toEqual([b.id, a.id]);
    expect(
      ids(journal.list({ applicationNumber: APPLICATION, actorId: dominique.id, limit: 10 })),
    ).toEqual([c.id]);
    expect(() => journal.list({ limit: 0 })).toThrow(RangeError);
  });

  it('is append-only: the database refuses UPDATE, DELETE and INSERT OR REPLACE', () => {
    const { db, journal, camille } = journalWithAgents();
    const row = journal.record({ actorId: camille.id, action: 'auth.login' });
    const refused = expect.objectContaining({
      code: 'SQLITE_CONSTRAINT_TRIGGER',
      message: expect.stringContaining('actions_append_only'),
    });
    expect(() => db.prepare("UPDATE actions SET action = 'auth.logout'").run()).toThrow(refused);
    expect(() => db.prepare('UPDATE actions SET actor_id = NULL WHERE id = ?').run(row.id)).toThrow(
      refused,
    );
    expect(() => db.prepare('DELETE FROM actions WHERE id = ?').run(row.id)).toThrow(refused);
    expect(() => db.prepare('DELETE FROM actions').run()).toThrow(refused);
    expect(() =>
      db
        .prepare(
          "INSERT OR REPLACE INTO actions (id, at, action) VALUES (?, '2020-01-01T00:00:00.000Z', 'auth.logout')",
        )
        .run(row.id),
    ).toThrow(refused);
    expect(journal.list({ limit: 10 })).toEqual([row]);
  });

  it('refuses an actor that is not a known agent', () => {
    const { journal } = journalWithAgents();
    expect(() => journal.record({ actorId: 'inconnu', action: 'auth.login' })).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }),
    );
  });

  it('refuses malformed entries', () => {
    const { journal } = journalWithAgents();
    const check = expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(() => journal.record({ actorId: null, action: 'Connexion réussie' })).toThrow(check);
    expect(() =>
      journal.record({ actorId: null, action: 'auth.login', applicationNumber: '59012023' }),
    ).toThrow(check);
    expect(() => journal.record({ actorId: null, action: 'auth.login', at: '16/08/2023' })).toThrow(
      expect.objectContaining({ code: 'instant_invalid' }),
    );
    expect(() =>
      journal.record({ actorId: null, action: 'auth.login', details: [1] as never }),
    ).toThrow(expect.objectContaining({ code: 'json_object_invalid' }));
  });
});

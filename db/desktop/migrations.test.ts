import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { useTempFiles } from '../testing/temp-dir';
import { actionColumns, createActionJournal, type StoredAction } from './action-journal';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { verifyJournal } from './audit-verify';
import { desktopMigrations } from './migrations';
import { openDesktopDatabase } from './open-desktop-database';

const temp = useTempFiles();

describe('desktop schema', () => {
  it('creates, from an empty file, exactly the expected tables, indexes and triggers', () => {
    const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
    const objects = db
      .prepare<[], { type: string; name: string; table: string }>(
        'SELECT type, name, tbl_name AS "table" FROM sqlite_master ORDER BY type, name',
      )
      .all();
    expect(objects).toEqual([
      { type: 'index', name: 'actions_by_actor', table: 'actions' },
      { type: 'index', name: 'actions_by_application', table: 'actions' },
      { type: 'index', name: 'actions_by_time', table: 'actions' },
      { type: 'index', name: 'application_events_by_application', table: 'application_events' },
      { type: 'index', name: 'application_files_by_file', table: 'application_files' },
      { type: 'index', name: 'applications_by_assigned_agent', table: 'applications' },
      { type: 'index', name: 'applications_by_assignment', table: 'applications' },
      { type: 'index', name: 'applications_by_deadline', table: 'applications' },
      { type: 'index', name: 'applications_queue', table: 'applications' },
      { type: 'index', name: 'applications_queue_by_status', table: 'applications' },
      { type: 'index', name: 'files_by_state', table: 'files' },
      { type: 'index', name: 'highlights_by_application', table: 'highlights' },
      { type: 'index', name: 'notes_by_application', table: 'notes' },
      { type: 'index', name: 'outbox_by_application', table: 'outbox' },
      { type: 'index', name: 'outbox_pending', table: 'outbox' },
      { type: 'index', name: 'sqlite_autoindex_agents_1', table: 'agents' },
      { type: 'index', name: 'sqlite_autoindex_agents_2', table: 'agents' },
      { type: 'index', name: 'sqlite_autoindex_applications_1', table: 'applications' },
      { type: 'index', name: 'sqlite_autoindex_outbox_1', table: 'outbox' },
      { type: 'index', name: 'sqlite_autoindex_saved_filters_1', table: 'saved_filters' },
      { type: 'index', name: 'sqlite_autoindex_service_settings_1', table: 'service_settings' },
      { type: 'table', name: 'actions', table: 'actions' },
      { type: 'table', name: 'actions_purge_window', table: 'actions_purge_window' },
      { type: 'table', name: 'agents', table: 'agents' },
      { type: 'table', name: 'application_events', table: 'application_events' },
      { type: 'table', name: 'application_files', table: 'application_files' },
      { type: 'table', name: 'applications', table: 'applications' },
      { type: 'table', name: 'applications_search', table: 'applications_search' },
      { type: 'table', name: 'applications_search_config', table: 'applications_search_config' },
      { type: 'table', name: 'applications_search_data', table: 'applications_search_data' },
      { type: 'table', name: 'applications_search_docsize', table: 'applications_search_docsize' },
      { type: 'table', name: 'applications_search_idx', table: 'applications_search_idx' },
      { type: 'table', name: 'document_verdicts', table: 'document_verdicts' },
      { type: 'table', name: 'document_versions', table: 'document_versions' },
      { type: 'table', name: 'files', table: 'files' },
      { type: 'table', name: 'highlights', table: 'highlights' },
      { type: 'table', name: 'notes', table: 'notes' },
      { type: 'table', name: 'outbox', table: 'outbox' },
      { type: 'table', name: 'page_rotations', table: 'page_rotations' },
      { type: 'table', name: 'saved_filters', table: 'saved_filters' },
      { type: 'table', name: 'schema_migrations', table: 'schema_migrations' },
      { type: 'table', name: 'service_settings', table: 'service_settings' },
      { type: 'table', name: 'sqlite_sequence', table: 'sqlite_sequence' },
      { type: 'table', name: 'sync_state', table: 'sync_state' },
      { type: 'trigger', name: 'actions_chain_link', table: 'actions' },
      { type: 'trigger', name: 'actions_refuse_delete', table: 'actions' },
      { type: 'trigger', name: 'actions_refuse_replace', table: 'actions' },
      { type: 'trigger', name: 'actions_refuse_update', table: 'actions' },
      { type: 'trigger', name: 'applications_search_delete', table: 'applications' },
      { type: 'trigger', name: 'applications_search_insert', table: 'applications' },
      { type: 'trigger', name: 'applications_search_update', table: 'applications' },
    ]);

    const columnsOf = (index: string) =>
      db
        .prepare<[], { name: string }>(`PRAGMA index_info(${index})`)
        .all()
        .map(({ name }) => name);
    expect(columnsOf('applications_queue')).toEqual([
      'service_code',
      'submitted_at',
      'application_number',
    ]);
    expect(columnsOf('applications_queue_by_status')).toEqual([
      'service_code',
      'status',
      'submitted_at',
      'application_number',
    ]);
    expect(columnsOf('applications_by_assigned_agent')).toEqual([
      'assigned_agent_id',
      'submitted_at',
      'application_number',
    ]);
    expect(
      db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
    ).toEqual(desktopMigrations.map(({ version, name }) => ({ version, name })));
  });

  it('reopens an existing workstation database without changing it', () => {
    const file = join(temp.dir(), 'instructeur.sqlite');
    const schema = (db: ReturnType<typeof openDesktopDatabase>) =>
      db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const first = openDesktopDatabase(file);
    const before = schema(first);
    first.close();
    expect(schema(temp.closeLater(openDesktopDatabase(file)))).toEqual(before);
  });

  it('uses the queue indexes for the queue queries', () => {
    const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map(({ detail }) => detail)
        .join(' | ');
    const order = 'ORDER BY submitted_at, application_number LIMIT 50';
    expect(plan(`SELECT * FROM applications WHERE service_code = '59' ${order}`)).toContain(
      'applications_queue',
    );
    expect(
      plan(
        `SELECT * FROM applications WHERE service_code = '59' AND status = 'submitted' ${order}`,
      ),
    ).toContain('applications_queue_by_status');
    expect(
      plan(
        `SELECT * FROM applications WHERE service_code = '59' AND assigned_agent_id IS NULL ${order}`,
      ),
    ).not.toContain('USE TEMP B-TREE');
  });

  it('chains the journal entries recorded before version 10, in id order, keeping ids and texts', () => {
    const file = join(temp.dir(), 'instructeur.sqlite');
    const before = openDatabase(file, { migrations: desktopMigrations.slice(0, 9) });
    before.exec(`
      INSERT INTO agents (id, login, display_name, role, service_code, created_at)
      VALUES ('a1', 'camille', 'Camille', 'agent', '59', '2023-09-01T08:00:00.000Z');
      INSERT INTO actions (at, actor_id, action, application_number, details) VALUES
        ('2023-09-17T08:00:00.000Z', 'a1', 'auth.login', NULL, '{"mode":"online"}'),
        ('2023-09-17T08:05:00.000Z', 'a1', 'application.assign', '5901202308160000181',
         '{"outboxId":"0b8e4c1e-2f49-4d0a-9d1e-6a2f4b8c9d10","b":1,"a":[2,{"z":1,"y":2}]}'),
        ('2023-09-17T08:10:00.000Z', NULL, 'auth.login_failed', NULL, '{}');
    `);
    before.close();

    const db = temp.closeLater(openDesktopDatabase(file));
    const rows = db
      .prepare<[], StoredAction>(`SELECT ${actionColumns()} FROM actions ORDER BY id`)
      .all();
    expect(rows.map((row) => row.id)).toEqual([1, 2, 3]);
    // The stored text is kept as written; the hash covers its value.
    expect(rows[1]?.details).toBe(
      '{"outboxId":"0b8e4c1e-2f49-4d0a-9d1e-6a2f4b8c9d10","b":1,"a":[2,{"z":1,"y":2}]}',
    );
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prevHash).toBe(prevHash);
      const details = JSON.parse(row.details) as unknown;
      expect(row.hash).toBe(entryHash({ ...row, details, prevHash }));
      prevHash = row.hash;
    }
    expect(verifyJournal(db)).toMatchObject({ ok: true, count: 3 });

    // The counter carried over, the triggers are back, and new entries follow the last one.
    const next = createActionJournal(db).record({ actorId: 'a1', action: 'auth.logout' });
    expect(next).toMatchObject({ id: 4, prevHash });
    expect(() => db.prepare('DELETE FROM actions WHERE id = 1').run()).toThrow(
      /actions_append_only/,
    );
    expect(() => db.prepare("UPDATE actions SET action = 'auth.login' WHERE id = 4").run()).toThrow(
      /actions_append_only/,
    );
  });

  it('chains an empty journal from the genesis', () => {
    const file = join(temp.dir(), 'instructeur.sqlite');
    openDatabase(file, { migrations: desktopMigrations.slice(0, 9) }).close();
    const db = temp.closeLater(openDesktopDatabase(file));
    expect(verifyJournal(db)).toMatchObject({ ok: true, count: 0 });
    expect(
      createActionJournal(db).record({ actorId: null, action: 'auth.login_failed' }),
    ).toMatchObject({ id: 1, prevHash: GENESIS_HASH });
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
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
      { type: 'table', name: 'actions', table: 'actions' },
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
      { type: 'table', name: 'sqlite_sequence', table: 'sqlite_sequence' },
      { type: 'table', name: 'sync_state', table: 'sync_state' },
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
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkMigrationList, type Migration } from './migrate';
import { openDatabase } from './open';
import { useTempFiles } from './testing/temp-dir';

const temp = useTempFiles();

const notes: Migration = {
  version: 1,
  name: 'create_notes',
  up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;',
};
const tags: Migration = {
  version: 2,
  name: 'create_tags',
  up: 'CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes (id), tag TEXT NOT NULL) STRICT;',
};
const seed: Migration = {
  version: 3,
  name: 'seed_first_note',
  up: (db) => {
    db.prepare('INSERT INTO notes (id, text) VALUES (?, ?)').run(1, 'première');
  },
};

function applied(file: string) {
  const db = temp.closeLater(new Database(file, { readonly: true }));
  return db
    .prepare(
      'SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version',
    )
    .all();
}

describe('checkMigrationList', () => {
  it('accepts versions 1, 2, 3… in order', () => {
    expect(() => checkMigrationList([notes, tags, seed])).not.toThrow();
    expect(() => checkMigrationList([])).not.toThrow();
  });

  it.each([
    ['a gap', [notes, seed]],
    ['a duplicate', [notes, tags, { ...seed, version: 2 }]],
    ['a reordering', [tags, notes]],
    [
      'a list not starting at 1',
      [
        { ...notes, version: 0 },
        { ...tags, version: 1 },
      ],
    ],
    ['a fractional version', [{ ...notes, version: 1.5 }]],
  ])('refuses %s', (_case, migrations) => {
    expect(() => checkMigrationList(migrations)).toThrow(
      expect.objectContaining({ code: 'db_migrations_invalid' }),
    );
  });

  it('refuses a name that is not snake_case', () => {
    expect(() => checkMigrationList([{ ...notes, name: 'Create notes' }])).toThrow(
      expect.objectContaining({ code: 'db_migrations_invalid' }),
    );
  });
});

describe('applying migrations', () => {
  it('applies SQL and function steps in order and records each one', () => {
    const file = join(temp.dir(), 'app.sqlite');
    const before = new Date().toISOString();
    const db = temp.closeLater(openDatabase(file, { migrations: [notes, tags, seed] }));
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['première']);
    const rows = applied(file) as { version: number; name: string; appliedAt: string }[];
    expect(rows.map(({ version, name }) => [version, name])).toEqual([
      [1, 'create_notes'],
      [2, 'create_tags'],
      [3, 'seed_first_note'],
    ]);
    for (const { appliedAt } of rows) {
      expect(appliedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(appliedAt >= before).toBe(true);
    }
  });

  it('applies only the new steps when the code gains a migration', () => {
    const file = join(temp.dir(), 'app.sqlite');
    openDatabase(file, { migrations: [notes, tags] }).close();
    const firstRun = applied(file);
    const db = temp.closeLater(openDatabase(file, { migrations: [notes, tags, seed] }));
    expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1);
    expect(applied(file).slice(0, 2)).toEqual(firstRun);
    expect(applied(file)).toHaveLength(3);
  });

  it('rolls a failed step back alone, keeps the steps before it, and resumes once fixed', () => {
    const file = join(temp.dir(), 'app.sqlite');
    const broken: Migration = {
      version: 3,
      name: 'seed_first_note',
      up: "INSERT INTO notes (id, text) VALUES (1, 'a'); INSERT INTO nowhere VALUES (1);",
    };
    let failure: unknown;
    try {
      openDatabase(file, { migrations: [notes, tags, broken] });
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({
      code: 'db_migration_failed',
      message: expect.stringContaining('version 2'),
    });
    expect((failure as Error).cause).toBeInstanceOf(Error);
    expect(applied(file)).toHaveLength(2);

    const db = temp.closeLater(openDatabase(file, { migrations: [notes, tags, seed] }));
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['première']);
  });

  it('refuses a step that leaves a reference to a missing row, and turns foreign keys back on', () => {
    const file = join(temp.dir(), 'app.sqlite');
    const dangling: Migration = {
      version: 3,
      name: 'tag_missing_note',
      up: "INSERT INTO tags (note_id, tag) VALUES (42, 'orphelin');",
    };
    expect(() => openDatabase(file, { migrations: [notes, tags, dangling] })).toThrow(
      expect.objectContaining({ code: 'db_migration_failed' }),
    );
    const db = temp.closeLater(openDatabase(file, { migrations: [notes, tags] }));
    expect(db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a file whose recorded step has another name under the same version', () => {
    const file = join(temp.dir(), 'app.sqlite');
    openDatabase(file, { migrations: [notes] }).close();
    expect(() => openDatabase(file, { migrations: [{ ...notes, name: 'create_cases' }] })).toThrow(
      expect.objectContaining({ code: 'db_schema_mismatch' }),
    );
  });
});

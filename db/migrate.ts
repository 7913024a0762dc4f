import type BetterSqlite3 from 'better-sqlite3';
import {
  foreignDatabase,
  invalidMigrationList,
  migrationFailed,
  schemaMismatch,
  schemaTooNew,
} from './errors';
import { toStoredInstant } from './instant';

/**
 * One forward step of a schema. Migrations are never edited once released and never undone:
 * a change is a new migration with the next version. They live in TypeScript modules so the
 * bundler carries them into the built application.
 */
export interface Migration {
  readonly version: number;
  /** snake_case words saying what the step does, recorded in the file next to its version. */
  readonly name: string;
  /** SQL run as one script, or a function for what SQL alone cannot say; both run inside the step's transaction. */
  readonly up: string | ((db: BetterSqlite3.Database) => void);
}

const MIGRATION_NAME = /^[a-z][a-z0-9_]*$/;

/** Versions must read 1, 2, 3… in order: a gap, a duplicate or a reordering is a merge mistake. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const expected = index + 1;
    if (migration.version !== expected) {
      throw invalidMigrationList(
        `la migration en position ${expected} porte la version ${String(migration.version)} au lieu de ${expected}`,
      );
    }
    if (!MIGRATION_NAME.test(migration.name)) {
      throw invalidMigrationList(
        `le nom « ${migration.name} » de la version ${expected} n'est pas en snake_case`,
      );
    }
  });
}

interface AppliedMigration {
  version: number;
  name: string;
}

function hasMigrationTable(db: BetterSqlite3.Database): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get() !== undefined
  );
}

function readApplied(db: BetterSqlite3.Database): AppliedMigration[] {
  if (!hasMigrationTable(db)) return [];
  return db
    .prepare<[], AppliedMigration>('SELECT version, name FROM schema_migrations ORDER BY version')
    .all();
}

/**
 * The version the file is at, after checking that it belongs to these migrations: an empty file is
 * at 0; a file with tables but no migration record, a version the code does not know, or a version
 * recorded under another name (another application's database) is refused before anything is written.
 */
export function currentSchemaVersion(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[],
): number {
  if (!hasMigrationTable(db)) {
    const objects = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sqlite_master').get();
    if (objects && objects.n > 0) throw foreignDatabase(db.name);
    return 0;
  }
  const applied = readApplied(db);
  const known = migrations.length;
  applied.forEach(({ version, name }, index) => {
    if (version > known) throw schemaTooNew(db.name, applied.at(-1)?.version ?? version, known);
    if (version !== index + 1)
      throw schemaMismatch(db.name, `la version ${index + 1} n'a jamais été appliquée`);
    const expected = migrations[index]?.name;
    if (name !== expected) {
      throw schemaMismatch(
        db.name,
        `la version ${version} s'appelle « ${name} » et non « ${String(expected)} »`,
      );
    }
  });
  return applied.length;
}

/**
 * Applies the migrations the file does not have yet, each in its own IMMEDIATE transaction (it takes
 * the write lock first, and re-reads the version under it, so two processes opening the same file
 * cannot apply a step twice). A failed step rolls back alone and leaves the file at the previous version.
 *
 * Foreign keys are off while migrating, as SQLite's guide to rebuilding a table requires, and each
 * step must leave no dangling reference (`foreign_key_check`) before it commits.
 */
export function applyMigrations(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[],
): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY CHECK (version >= 1),
      name       TEXT NOT NULL CHECK (name <> ''),
      applied_at TEXT NOT NULL
    ) STRICT`);
  }).immediate();

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of migrations) {
      const step = db.transaction(() => {
        if (readApplied(db).length >= migration.version) return;
        if (typeof migration.up === 'string') db.exec(migration.up);
        else migration.up(db);
        const dangling = db.pragma('foreign_key_check') as unknown[];
        if (dangling.length > 0) {
          throw new Error(
            `${dangling.length} référence(s) vers des lignes absentes : ${JSON.stringify(dangling.slice(0, 5))}`,
          );
        }
        record.run(migration.version, migration.name, toStoredInstant(new Date()));
      });
      try {
        step.immediate();
      } catch (error) {
        throw migrationFailed(migration.version, migration.name, migration.version - 1, error);
      }
    }
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys = ON');
  }
}

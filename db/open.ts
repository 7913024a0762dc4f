import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  databaseCannotOpen,
  databaseCorrupted,
  notASqliteDatabase,
  schemaOutdated,
} from './errors';
import {
  applyMigrations,
  checkMigrationList,
  currentSchemaVersion,
  type Migration,
} from './migrate';

export interface OpenDatabaseOptions {
  /** The schema this code expects, in order; the missing ones are applied at open. */
  migrations: readonly Migration[];
  /** Read only: nothing is created, migrated or written, and a file not at the latest version is refused. */
  readonly?: boolean;
}

/** How long a statement waits for another connection's lock (the host and a backup, say) before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/** Owner-only, whatever the umask: the file holds victims' dossiers. */
const PRIVATE_FOLDER_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * The one function through which every database is opened. In order: the migration list is checked,
 * the file is connected, read once to prove it is SQLite, compared with the migrations (a foreign
 * or newer file is refused before anything is written), then configured and migrated.
 * Nothing here ever drops or rewrites data of a file it refuses.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): Database.Database {
  const { migrations, readonly = false } = options;
  checkMigrationList(migrations);
  if (!readonly) createPrivateFile(file);

  const db = connect(file, options);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    proveReadable(db);
    const version = currentSchemaVersion(db, migrations);
    if (readonly && version < migrations.length)
      throw schemaOutdated(file, version, migrations.length);
    configure(db, readonly);
    if (version < migrations.length) applyMigrations(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The folder and an empty file are created owner-only before SQLite sees the path: SQLite would
 * create the file with the umask's permissions, and gives its -wal and -shm files the permissions
 * of the database file.
 */
function createPrivateFile(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw databaseCannotOpen(file, error);
  }
}

/** Everything about how a file is connected is decided here and only here, from the options. */
function connect(file: string, { readonly = false }: OpenDatabaseOptions): Database.Database {
  try {
    return new Database(file, { readonly, fileMustExist: true });
  } catch (error) {
    throw databaseCannotOpen(file, error);
  }
}

/** SQLite reads the header lazily: the first query is where a stranger's file shows itself. */
function proveReadable(db: Database.Database): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw notASqliteDatabase(db.name, error);
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))
      throw databaseCorrupted(db.name, error);
    throw databaseCannotOpen(db.name, error);
  }
}

function configure(db: Database.Database, readonly: boolean): void {
  // WAL lets the queue be read while the sync writes; the mode is stored in the file, so a
  // read-only connection inherits it and must not (cannot) set it.
  if (!readonly) db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL loses at most the last transactions on power loss, never consistency.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so a dossier removed under the retention rules does not
  // survive in free pages of the file.
  db.pragma('secure_delete = ON');
}

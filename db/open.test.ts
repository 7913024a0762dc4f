import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from './migrate';
import { openDatabase } from './open';
import { useTempFiles } from './testing/temp-dir';

const temp = useTempFiles();
const posixOnly = it.skipIf(process.platform === 'win32');

const migrations: Migration[] = [
  {
    version: 1,
    name: 'create_notes',
    up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT;',
  },
  { version: 2, name: 'add_note_author', up: 'ALTER TABLE notes ADD COLUMN author TEXT;' },
];

const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The file's bytes and the folder's listing: a refused file must leave both as they were. */
function snapshot(file: string) {
  const folder = join(file, '..');
  return { bytes: fingerprint(file), listing: readdirSync(folder).sort() };
}

describe('openDatabase', () => {
  posixOnly('creates missing folders and the file for their owner only', () => {
    const root = temp.dir();
    const file = join(root, 'data', 'nested', 'app.sqlite');
    const db = temp.closeLater(openDatabase(file, { migrations }));
    db.prepare("INSERT INTO notes (text) VALUES ('x')").run();
    expect(statSync(join(root, 'data')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'data', 'nested')).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(join(root, 'data', 'nested'))) {
      expect([name, statSync(join(root, 'data', 'nested', name)).mode & 0o777]).toEqual([
        name,
        0o600,
      ]);
    }
    expect(readdirSync(join(root, 'data', 'nested')).sort()).toEqual([
      'app.sqlite',
      'app.sqlite-shm',
      'app.sqlite-wal',
    ]);
  });

  it('turns on WAL, foreign keys, a busy timeout, synchronous NORMAL and secure delete', () => {
    const db = temp.closeLater(openDatabase(join(temp.dir(), 'app.sqlite'), { migrations }));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('is idempotent: opening again applies nothing and changes no schema', () => {
    const file = join(temp.dir(), 'app.sqlite');
    const first = openDatabase(file, { migrations });
    first.prepare("INSERT INTO notes (text, author) VALUES ('gardée', 'a')").run();
    const schema = () =>
      first.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const before = schema();
    first.close();
    const again = temp.closeLater(openDatabase(file, { migrations }));
    expect(again.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all()).toEqual(
      before,
    );
    expect(again.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(2);
    expect(again.prepare('SELECT text FROM notes').pluck().all()).toEqual(['gardée']);
  });

  it('refuses a file migrated by a newer version of the code, and leaves it untouched', () => {
    const file = join(temp.dir(), 'app.sqlite');
    openDatabase(file, { migrations }).close();
    const before = snapshot(file);
    expect(() => openDatabase(file, { migrations: migrations.slice(0, 1) })).toThrow(
      expect.objectContaining({
        code: 'db_schema_too_new',
        message: expect.stringMatching(/version 2, plus récente .* \(1\)/),
      }),
    );
    expect(snapshot(file)).toEqual(before);
  });

  it.each([
    ['text', Buffer.from('Ceci est un rapport, pas une base de données.\n'.repeat(100))],
    ['a few bytes', Buffer.from('SQLite')],
    ['random bytes', createHash('sha512').update('x').digest()],
  ])('refuses a file that is not SQLite (%s), and leaves its bytes unchanged', (_kind, bytes) => {
    const file = join(temp.dir(), 'app.sqlite');
    writeFileSync(file, bytes);
    const before = snapshot(file);
    expect(() => openDatabase(file, { migrations })).toThrow(
      expect.objectContaining({
        code: 'db_not_sqlite',
        message: expect.stringContaining("n'est pas une base de données SQLite"),
      }),
    );
    expect(readFileSync(file)).toEqual(bytes);
    expect(snapshot(file)).toEqual(before);
  });

  it("refuses another program's SQLite database instead of migrating it", () => {
    const file = join(temp.dir(), 'other.sqlite');
    const other = new Database(file);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');");
    other.close();
    const before = snapshot(file);
    expect(() => openDatabase(file, { migrations })).toThrow(
      expect.objectContaining({ code: 'db_foreign' }),
    );
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses an invalid migration list before creating anything', () => {
    const file = join(temp.dir(), 'data', 'app.sqlite');
    expect(() => openDatabase(file, { migrations: [migrations[1]!] })).toThrow(
      expect.objectContaining({ code: 'db_migrations_invalid' }),
    );
    expect(existsSync(join(file, '..'))).toBe(false);
  });

  it('reports a path it cannot open as a database', () => {
    const folder = temp.dir();
    expect(() => openDatabase(folder, { migrations })).toThrow(
      expect.objectContaining({ code: 'db_cannot_open' }),
    );
  });

  describe('read only', () => {
    it('reads an up-to-date file and refuses writes', () => {
      const file = join(temp.dir(), 'app.sqlite');
      openDatabase(file, { migrations }).close();
      const db = temp.closeLater(openDatabase(file, { migrations, readonly: true }));
      expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
      expect(() => db.prepare("INSERT INTO notes (text) VALUES ('x')").run()).toThrow(
        expect.objectContaining({ code: 'SQLITE_READONLY' }),
      );
    });

    it('refuses a file that would need migrating, and leaves it untouched', () => {
      const file = join(temp.dir(), 'app.sqlite');
      openDatabase(file, { migrations: migrations.slice(0, 1) }).close();
      const before = snapshot(file);
      expect(() => openDatabase(file, { migrations, readonly: true })).toThrow(
        expect.objectContaining({ code: 'db_schema_outdated' }),
      );
      // A read-only reader of a WAL file leaves SQLite's empty index files behind (it may not delete them).
      expect(fingerprint(file)).toBe(before.bytes);
      expect(statSync(`${file}-wal`).size).toBe(0);
    });

    it('never creates a missing file', () => {
      const file = join(temp.dir(), 'absent.sqlite');
      expect(() => openDatabase(file, { migrations, readonly: true })).toThrow(
        expect.objectContaining({ code: 'db_cannot_open' }),
      );
      expect(existsSync(file)).toBe(false);
    });
  });
});

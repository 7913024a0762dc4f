import type Database from 'better-sqlite3';
import { openDatabase } from '../open';
import { actionColumns, type StoredAction } from './action-journal';
import { PURGE_ACTION, verifyChain, type ChainVerdict } from './audit-chain';
import { desktopMigrations } from './migrations';

/**
 * Recomputes the journal's chain from what the file holds, in one read transaction (the
 * application may be writing meanwhile): the entries in id order, the latest purge that anchors
 * the first one, and the highest id the journal ever gave.
 */
export function verifyJournal(db: Database.Database): ChainVerdict {
  return db.transaction(() => {
    const latestPurge =
      db
        .prepare<[string], StoredAction>(
          `SELECT ${actionColumns()} FROM actions WHERE action = ? ORDER BY id DESC LIMIT 1`,
        )
        .get(PURGE_ACTION) ?? null;
    const highestId = db
      .prepare<[], number>(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'actions'), 0)",
      )
      .pluck()
      .get() as number;
    const rows = db
      .prepare<[], StoredAction>(`SELECT ${actionColumns()} FROM actions ORDER BY id`)
      .iterate();
    return verifyChain(rows, latestPurge, highestId);
  })();
}

/** Opens a workstation's database read-only (nothing is written, not even a migration) and verifies it. */
export function verifyJournalFile(file: string): ChainVerdict {
  const db = openDatabase(file, { migrations: desktopMigrations, readonly: true });
  try {
    return verifyJournal(db);
  } finally {
    db.close();
  }
}

import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import type { ActionJournal, ActionRow } from './action-journal';
import { PURGE_ACTION, type PurgeDetails } from './audit-chain';

export interface JournalPurge {
  /** How many entries were removed; 0 records nothing. */
  count: number;
  /** The audit.purged entry recorded, when something was removed. */
  entry: ActionRow | null;
}

/**
 * Removes the entries recorded before `before`, the only deletion the journal allows, in one
 * transaction: the purge is first recorded as a chained entry (`audit.purged`, with the count and
 * the hash of the last entry removed, which the first entry kept names as its prevHash), then the
 * DELETE trigger is opened for those entries only (actions_purge_window) and closed again.
 *
 * What is removed is a prefix in id order: the entries before the first one recorded at or after
 * `before`. An entry dated out of order (a clock set back) keeps those after it a little longer,
 * and the chain of what remains starts cleanly at one entry.
 */
export function purgeJournal(
  db: Database.Database,
  journal: ActionJournal,
  { before, retentionDays }: { before: Date; retentionDays: number },
): JournalPurge {
  const cutoff = toStoredInstant(before);
  return db
    .transaction((): JournalPurge => {
      // `+at`: walked in id order from the oldest, not through the index on at.
      const firstKept = db
        .prepare<[string], number>('SELECT id FROM actions WHERE +at >= ? ORDER BY id LIMIT 1')
        .pluck()
        .get(cutoff);
      const last = db
        .prepare<[number], { id: number; hash: string }>(
          'SELECT id, hash FROM actions WHERE id < ? ORDER BY id DESC LIMIT 1',
        )
        .get(firstKept ?? Number.MAX_SAFE_INTEGER);
      if (!last) return { count: 0, entry: null };
      const count = db
        .prepare<[number], number>('SELECT count(*) FROM actions WHERE id <= ?')
        .pluck()
        .get(last.id) as number;
      const details: PurgeDetails = {
        count,
        lastRemovedId: last.id,
        lastRemovedHash: last.hash,
        before: cutoff,
        retentionDays,
      };
      const entry = journal.record({
        actorId: null,
        action: PURGE_ACTION,
        details: { ...details },
      });
      const window = db.prepare<[number | null, string | null]>(
        'UPDATE actions_purge_window SET through_id = ?, before_at = ? WHERE id = 1',
      );
      window.run(last.id, cutoff);
      const removed = db.prepare('DELETE FROM actions WHERE id <= ?').run(last.id).changes;
      window.run(null, null);
      if (removed !== count) throw new Error(`purge removed ${removed} entries, not ${count}`);
      return { count: removed, entry };
    })
    .immediate();
}

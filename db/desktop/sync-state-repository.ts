import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

export interface SyncState {
  portalUrl: string | null;
  /** The portal's cursor after the last applied page; null: start from the beginning. */
  cursor: string | null;
  /** Grows at each full resync; the dossiers a resync did not see again are gone from the portal. */
  generation: number;
  /** A full resync is under way (it survives a restart, and resumes). */
  resyncing: boolean;
  lastSuccessAt: string | null;
  /** The portal's clock minus this workstation's, in ms, as last measured. */
  clockOffsetMs: number;
}

export interface SyncStateRepository {
  get(): SyncState;
  /** Saves the cursor of a page just applied; call inside the page's transaction. */
  saveCursor(cursor: string): void;
  /**
   * Starts a full resync: cursor back to the beginning, next generation. Called when the portal
   * says the cursor is unknown, or when the workstation is pointed at another portal.
   */
  startResync(portalUrl: string): SyncState;
  /** The resync has read the whole log again. */
  finishResync(): void;
  recordSuccess(at: Date): void;
  saveClockOffset(offsetMs: number): void;
}

interface StoredSyncState extends Omit<SyncState, 'resyncing'> {
  resyncing: 0 | 1;
}

export function createSyncStateRepository(db: Database.Database): SyncStateRepository {
  const read = db.prepare<[], StoredSyncState>(`
    SELECT portal_url AS portalUrl, cursor, generation, resyncing, last_success_at AS lastSuccessAt,
           clock_offset_ms AS clockOffsetMs
    FROM sync_state WHERE id = 1`);
  const setCursor = db.prepare<[string]>('UPDATE sync_state SET cursor = ? WHERE id = 1');
  const resync = db.prepare<[string]>(`
    UPDATE sync_state SET portal_url = ?, cursor = NULL, generation = generation + 1, resyncing = 1
    WHERE id = 1`);
  const finish = db.prepare('UPDATE sync_state SET resyncing = 0 WHERE id = 1');
  const success = db.prepare<[string]>('UPDATE sync_state SET last_success_at = ? WHERE id = 1');
  const offset = db.prepare<[number]>('UPDATE sync_state SET clock_offset_ms = ? WHERE id = 1');

  function get(): SyncState {
    const row = read.get();
    if (!row) throw new Error('sync_state has its row from migration 4');
    return { ...row, resyncing: row.resyncing === 1 };
  }

  return {
    get,
    saveCursor: (cursor) => void setCursor.run(cursor),
    startResync(portalUrl) {
      resync.run(portalUrl);
      return get();
    },
    finishResync: () => void finish.run(),
    recordSuccess: (at) => void success.run(toStoredInstant(at)),
    saveClockOffset: (offsetMs) => void offset.run(Math.round(offsetMs)),
  };
}

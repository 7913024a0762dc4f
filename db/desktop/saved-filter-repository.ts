import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export interface SavedFilter {
  id: number;
  agentId: string;
  name: string;
  /** The queue's filters, tab and sort as the agent set them (validated by the router). */
  query: JsonObject;
  createdAt: string;
}

export interface SavedFilterRepository {
  /** Saves under a name; the same name again replaces that filter. */
  save(agentId: string, name: string, query: JsonObject): SavedFilter;
  list(agentId: string): SavedFilter[];
  /** Only the agent's own; false when there was none. */
  remove(agentId: string, id: number): boolean;
}

type Stored = Omit<SavedFilter, 'query'> & { query: string };
const COLUMNS = 'id, agent_id AS agentId, name, query, created_at AS createdAt';
const fromStored = (row: Stored): SavedFilter => ({
  ...row,
  query: fromJsonColumn('query', row.query),
});

/** Each agent's saved queue filters, on this workstation. */
export function createSavedFilterRepository(db: Database.Database): SavedFilterRepository {
  const upsert = db.prepare<[string, string, string, string], Stored>(`
    INSERT INTO saved_filters (agent_id, name, query, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (agent_id, name) DO UPDATE SET query = excluded.query
    RETURNING ${COLUMNS}`);
  const list = db.prepare<[string], Stored>(
    `SELECT ${COLUMNS} FROM saved_filters WHERE agent_id = ?`,
  );
  const remove = db.prepare<[number, string]>(
    'DELETE FROM saved_filters WHERE id = ? AND agent_id = ?',
  );
  return {
    save(agentId, name, query) {
      const row = upsert.get(
        agentId,
        name.trim(),
        toJsonColumn('query', query),
        toStoredInstant(new Date()),
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return fromStored(row);
    },
    // Sorted the French way (« À compléter » with the A), which SQLite's NOCASE does not do.
    list: (agentId) =>
      list
        .all(agentId)
        .map(fromStored)
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    remove: (agentId, id) => remove.run(id, agentId).changes > 0,
  };
}

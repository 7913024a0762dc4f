import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export interface MutationRecord {
  id: string;
  agentId: string;
  type: string;
  applicationNumber: string;
  /** The first outcome, as answered then. */
  outcome: JsonObject;
  createdAt: string;
}

/** Idempotency records of pushed mutations: one per mutation id, never changed. */
export interface MutationLog {
  find(id: string): MutationRecord | undefined;
  /** Records the first outcome; false when the id was already recorded (the caller's transaction then rolls back). */
  record(mutation: Omit<MutationRecord, 'createdAt'>, at: string | Date): boolean;
}

type StoredMutation = Omit<MutationRecord, 'outcome'> & { outcome: string };

const COLUMNS =
  'id, agent_id AS agentId, type, application_number AS applicationNumber, outcome, created_at AS createdAt';

export function createMutationLog(db: Database.Database): MutationLog {
  const find = db.prepare<[string], StoredMutation>(
    `SELECT ${COLUMNS} FROM mutations WHERE id = ?`,
  );
  const insert = db.prepare(`
    INSERT INTO mutations (id, agent_id, type, application_number, outcome, created_at)
    VALUES (@id, @agentId, @type, @applicationNumber, @outcome, @createdAt)
    ON CONFLICT (id) DO NOTHING`);
  return {
    find(id) {
      const row = find.get(id);
      return row && { ...row, outcome: fromJsonColumn('outcome', row.outcome) };
    },
    record(mutation, at) {
      return (
        insert.run({
          ...mutation,
          outcome: toJsonColumn('outcome', mutation.outcome),
          createdAt: toStoredInstant(at),
        }).changes > 0
      );
    },
  };
}

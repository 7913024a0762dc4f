import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export type OutboxOutcome = 'applied' | 'duplicate' | 'conflict' | 'rejected';
export type OutboxState = 'pending' | OutboxOutcome;

export interface OutboxEntry {
  /** The client sequence: actions are pushed in this order. */
  seq: number;
  /** The idempotency key, sent unchanged on every retry. */
  id: string;
  agentId: string;
  type: string;
  applicationNumber: string;
  baseVersion: number;
  /** When the agent did it, in the portal's time (the workstation's clock corrected). */
  at: string;
  payload: JsonObject;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  resultVersion: number | null;
  reason: string | null;
  settledAt: string | null;
  resolution: 'reapplied' | 'dropped' | null;
  replaces: string | null;
  createdAt: string;
}

export interface NewOutboxEntry {
  id?: string;
  agentId: string;
  type: string;
  applicationNumber: string;
  baseVersion: number;
  at: string | Date;
  payload?: JsonObject;
  /** The conflicting or rejected action this one re-applies. */
  replaces?: string;
}

export interface Settlement {
  outcome: OutboxOutcome;
  version?: number | null;
  reason?: string | null;
}

export interface OutboxRepository {
  /** Adds an action; call it inside the transaction that writes the action's local trace. */
  enqueue(entry: NewOutboxEntry): OutboxEntry;
  get(id: string): OutboxEntry | undefined;
  /** Pending actions in push order. */
  pending(limit: number): OutboxEntry[];
  /** The portal's answer: the action leaves the pending state for good. */
  settle(id: string, settlement: Settlement, at: Date): void;
  /** A push that did not get an answer (network, 5xx): the action stays pending, the error is kept. */
  recordAttempt(ids: readonly string[], error: string): void;
  countPending(): number;
  /** Pending actions on one dossier: each will raise its version by one once applied. */
  countPendingOn(applicationNumber: string): number;
  /** Conflicts and rejections the agent has not resolved yet, oldest first. */
  problems(): OutboxEntry[];
  countProblems(): number;
  /** Every action of the workstation, in order. */
  all(): OutboxEntry[];
  /** Every action on one dossier, in order. */
  ofApplication(applicationNumber: string): OutboxEntry[];
  /** Records the agent's choice on a conflict or rejection; false when it was not open. */
  resolve(id: string, resolution: 'reapplied' | 'dropped'): boolean;
  /** Per dossier: pending actions and unresolved problems (for the queue's markers). */
  markers(
    applicationNumbers: readonly string[],
  ): Map<string, { pending: number; problems: number }>;
}

type StoredEntry = Omit<OutboxEntry, 'payload'> & { payload: string };

const COLUMNS = `
  seq, id, agent_id AS agentId, type, application_number AS applicationNumber,
  base_version AS baseVersion, at, payload, state, attempts, last_error AS lastError,
  result_version AS resultVersion, reason, settled_at AS settledAt, resolution, replaces,
  created_at AS createdAt`;

const fromStored = (row: StoredEntry): OutboxEntry => ({
  ...row,
  payload: fromJsonColumn('payload', row.payload),
});

const PROBLEM = `state IN ('conflict', 'rejected') AND resolution IS NULL`;

export function createOutboxRepository(db: Database.Database): OutboxRepository {
  const insert = db.prepare<[Record<string, unknown>], StoredEntry>(`
    INSERT INTO outbox (id, agent_id, type, application_number, base_version, at, payload, replaces, created_at)
    VALUES (@id, @agentId, @type, @applicationNumber, @baseVersion, @at, @payload, @replaces, @createdAt)
    RETURNING ${COLUMNS}`);
  const byId = db.prepare<[string], StoredEntry>(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`);
  const pending = db.prepare<[number], StoredEntry>(
    `SELECT ${COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`,
  );
  // WHERE state = 'pending': an answer arriving twice (a retried batch) cannot change the first one.
  const settle = db.prepare(`
    UPDATE outbox SET state = @outcome, result_version = @version, reason = @reason,
                      settled_at = @at, last_error = NULL
    WHERE id = @id AND state = 'pending'`);
  const attempt = db.prepare<[string, string]>(`
    UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'`);
  const countPending = db
    .prepare<[], number>(`SELECT count(*) FROM outbox WHERE state = 'pending'`)
    .pluck();
  const countPendingOn = db
    .prepare<[string], number>(
      `SELECT count(*) FROM outbox WHERE state = 'pending' AND application_number = ?`,
    )
    .pluck();
  const problems = db.prepare<[], StoredEntry>(
    `SELECT ${COLUMNS} FROM outbox WHERE ${PROBLEM} ORDER BY seq`,
  );
  const countProblems = db
    .prepare<[], number>(`SELECT count(*) FROM outbox WHERE ${PROBLEM}`)
    .pluck();
  const all = db.prepare<[], StoredEntry>(`SELECT ${COLUMNS} FROM outbox ORDER BY seq`);
  const ofApplication = db.prepare<[string], StoredEntry>(
    `SELECT ${COLUMNS} FROM outbox WHERE application_number = ? ORDER BY seq`,
  );
  const resolve = db.prepare<[string, string]>(
    `UPDATE outbox SET resolution = ? WHERE id = ? AND ${PROBLEM}`,
  );
  const markers = db.prepare<
    [string],
    { applicationNumber: string; pending: number; problems: number }
  >(`
    SELECT application_number AS applicationNumber,
           sum(state = 'pending') AS pending,
           sum(state IN ('conflict', 'rejected') AND resolution IS NULL) AS problems
    FROM outbox
    WHERE application_number IN (SELECT value FROM json_each(?))
      AND (state = 'pending' OR (${PROBLEM}))
    GROUP BY application_number`);

  return {
    enqueue(entry) {
      const row = insert.get({
        id: entry.id ?? randomUUID(),
        agentId: entry.agentId,
        type: entry.type,
        applicationNumber: entry.applicationNumber,
        baseVersion: entry.baseVersion,
        at: toStoredInstant(entry.at),
        payload: toJsonColumn('payload', entry.payload ?? {}),
        replaces: entry.replaces ?? null,
        createdAt: toStoredInstant(new Date()),
      });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return fromStored(row);
    },
    get(id) {
      const row = byId.get(id);
      return row && fromStored(row);
    },
    pending: (limit) => pending.all(limit).map(fromStored),
    settle(id, { outcome, version = null, reason = null }, at) {
      settle.run({ id, outcome, version, reason, at: toStoredInstant(at) });
    },
    recordAttempt(ids, error) {
      db.transaction(() => {
        for (const id of ids) attempt.run(error, id);
      })();
    },
    countPending: () => countPending.get() ?? 0,
    countPendingOn: (applicationNumber) => countPendingOn.get(applicationNumber) ?? 0,
    problems: () => problems.all().map(fromStored),
    countProblems: () => countProblems.get() ?? 0,
    all: () => all.all().map(fromStored),
    ofApplication: (applicationNumber) => ofApplication.all(applicationNumber).map(fromStored),
    resolve: (id, resolution) => resolve.run(resolution, id).changes > 0,
    markers(applicationNumbers) {
      const rows = markers.all(JSON.stringify(applicationNumbers));
      return new Map(
        rows.map(({ applicationNumber, pending, problems }) => [
          applicationNumber,
          { pending, problems },
        ]),
      );
    },
  };
}

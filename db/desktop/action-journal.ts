import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';
import { entryHash, GENESIS_HASH } from './audit-chain';

export interface ActionRow {
  /** Increasing in the order actions were recorded. */
  id: number;
  at: string;
  /** null only for the system (e.g. a failed login under an unknown identifier). */
  actorId: string | null;
  /** A dotted code: 'auth.login', 'auth.login_failed', 'application.assign'… */
  action: string;
  applicationNumber: string | null;
  details: JsonObject;
  /** The previous entry's hash (GENESIS_HASH for the first one a journal ever had). */
  prevHash: string;
  /** sha256 of the entry with its prevHash (audit-chain.ts): changing any entry breaks the chain. */
  hash: string;
}

export interface NewAction {
  actorId: string | null;
  action: string;
  applicationNumber?: string | null;
  /** Keep it minimal (CNIL): identifiers and reasons, not the dossier's content. */
  details?: JsonObject;
  /** Now when omitted. */
  at?: string | Date;
}

export interface ActionFilter {
  applicationNumber?: string;
  actorId?: string;
  limit: number;
}

/**
 * The append-only, hash-chained journal: the database refuses UPDATE, and DELETE outside a
 * retention purge (journal-retention.ts), so it has no such method.
 */
export interface ActionJournal {
  record(action: NewAction): ActionRow;
  /** Newest first. */
  list(filter: ActionFilter): ActionRow[];
}

/** A row as read: its details still JSON text. */
export type StoredAction = Omit<ActionRow, 'details'> & { details: string };

/** The columns of a StoredAction, of `actions` or of its alias (`a.`) in a join. */
export const actionColumns = (alias = '') => `
  ${alias}id, ${alias}at, ${alias}actor_id AS actorId, ${alias}action,
  ${alias}application_number AS applicationNumber, ${alias}details,
  ${alias}prev_hash AS prevHash, ${alias}hash`;

const ACTION_COLUMNS = actionColumns();

export function fromStored(row: StoredAction): ActionRow {
  return { ...row, details: fromJsonColumn('details', row.details) };
}

export function createActionJournal(db: Database.Database): ActionJournal {
  const insert = db.prepare<[StoredAction], StoredAction>(`
    INSERT INTO actions (id, at, actor_id, action, application_number, details, prev_hash, hash)
    VALUES (@id, @at, @actorId, @action, @applicationNumber, @details, @prevHash, @hash)
    RETURNING ${ACTION_COLUMNS}`);
  // The id is part of the hash, so it is chosen here: after every id the journal ever gave, even
  // to entries a purge removed since (AUTOINCREMENT's counter).
  const head = db.prepare<[], { nextId: number; prevHash: string | null }>(`
    SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'actions'), 0),
               coalesce((SELECT max(id) FROM actions), 0)) + 1 AS nextId,
           (SELECT hash FROM actions ORDER BY id DESC LIMIT 1) AS prevHash`);

  // One statement per combination of filters, so each uses its index (an `? IS NULL OR …` would not).
  const newestFirst = (where: string) =>
    db.prepare<[{ applicationNumber?: string; actorId?: string; limit: number }], StoredAction>(
      `SELECT ${ACTION_COLUMNS} FROM actions ${where} ORDER BY id DESC LIMIT @limit`,
    );
  const listAll = newestFirst('');
  const listOfApplication = newestFirst('WHERE application_number = @applicationNumber');
  const listOfActor = newestFirst('WHERE actor_id = @actorId');
  const listOfBoth = newestFirst(
    'WHERE application_number = @applicationNumber AND actor_id = @actorId',
  );

  return {
    record({ actorId, action, applicationNumber = null, details = {}, at = new Date() }) {
      const entry = {
        at: toStoredInstant(at),
        actorId,
        action,
        applicationNumber,
        details: toJsonColumn('details', details),
      };
      // Reading the head and appending after it is one step: IMMEDIATE takes the write lock first
      // (a savepoint when the caller's transaction holds it already, e.g. the outbox's).
      const row = db
        .transaction(() => {
          const { nextId, prevHash } = head.get() as { nextId: number; prevHash: string | null };
          const chained = { ...entry, id: nextId, prevHash: prevHash ?? GENESIS_HASH };
          // What is hashed is what is stored: the details as read back from their JSON text.
          const hash = entryHash({ ...chained, details: JSON.parse(entry.details) as unknown });
          return insert.get({ ...chained, hash });
        })
        .immediate();
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return fromStored(row);
    },

    list({ applicationNumber, actorId, limit }) {
      if (!Number.isSafeInteger(limit) || limit < 1)
        throw new RangeError(`limit must be a positive integer, got ${limit}`);
      const statement =
        applicationNumber !== undefined
          ? actorId !== undefined
            ? listOfBoth
            : listOfApplication
          : actorId !== undefined
            ? listOfActor
            : listAll;
      return statement.all({ applicationNumber, actorId, limit }).map(fromStored);
    },
  };
}

import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

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

/** The append-only journal: the database refuses UPDATE and DELETE on it, so it has no such method. */
export interface ActionJournal {
  record(action: NewAction): ActionRow;
  /** Newest first. */
  list(filter: ActionFilter): ActionRow[];
}

type StoredAction = Omit<ActionRow, 'details'> & { details: string };

const ACTION_COLUMNS = `
  id, at, actor_id AS actorId, action, application_number AS applicationNumber, details`;

function fromStored(row: StoredAction): ActionRow {
  return { ...row, details: fromJsonColumn('details', row.details) };
}

export function createActionJournal(db: Database.Database): ActionJournal {
  const insert = db.prepare<[Omit<StoredAction, 'id'>], StoredAction>(`
    INSERT INTO actions (at, actor_id, action, application_number, details)
    VALUES (@at, @actorId, @action, @applicationNumber, @details)
    RETURNING ${ACTION_COLUMNS}`);

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
      const row = insert.get({
        at: toStoredInstant(at),
        actorId,
        action,
        applicationNumber,
        details: toJsonColumn('details', details),
      });
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

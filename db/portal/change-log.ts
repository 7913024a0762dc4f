import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export interface ChangeRow {
  /** The total order of the log; a number is never reused. */
  seq: number;
  type: string;
  applicationNumber: string;
  /** The application's version after this change. */
  version: number;
  at: string;
  data: JsonObject;
}

export interface NewChange {
  type: string;
  applicationNumber: string;
  version: number;
  at: string | Date;
  data: JsonObject;
  /** The service instructing the application when the change happens: who may pull it. */
  serviceCode: string;
}

/** Append-only (the database refuses UPDATE and DELETE): what the workstations pull. */
export interface ChangeLog {
  append(change: NewChange): ChangeRow;
  /** The service's changes after `afterSeq`, in order, at most `limit`. */
  pageOfService(serviceCode: string, afterSeq: number, limit: number): ChangeRow[];
  /** Every change of one application, in order. */
  ofApplication(applicationNumber: string): ChangeRow[];
  /** The last seq given out (0 for an empty log). */
  lastSeq(): number;
}

type StoredChange = Omit<ChangeRow, 'data'> & { data: string };

const COLUMNS = 'seq, type, application_number AS applicationNumber, version, at, data';
const fromStored = (row: StoredChange): ChangeRow => ({
  ...row,
  data: fromJsonColumn('data', row.data),
});

export function createChangeLog(db: Database.Database): ChangeLog {
  const insert = db.prepare<[Omit<StoredChange, 'seq'> & { serviceCode: string }], StoredChange>(`
    INSERT INTO change_log (type, application_number, version, at, data, service_code)
    VALUES (@type, @applicationNumber, @version, @at, @data, @serviceCode)
    RETURNING ${COLUMNS}`);
  const page = db.prepare<[string, number, number], StoredChange>(
    `SELECT ${COLUMNS} FROM change_log WHERE service_code = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const ofApplication = db.prepare<[string], StoredChange>(
    `SELECT ${COLUMNS} FROM change_log WHERE application_number = ? ORDER BY seq`,
  );
  const last = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM change_log').pluck();
  return {
    lastSeq: () => last.get() ?? 0,
    append(change) {
      const row = insert.get({
        ...change,
        at: toStoredInstant(change.at),
        data: toJsonColumn('data', change.data),
      });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return fromStored(row);
    },
    pageOfService: (serviceCode, afterSeq, limit) =>
      page.all(serviceCode, afterSeq, limit).map(fromStored),
    ofApplication: (applicationNumber) => ofApplication.all(applicationNumber).map(fromStored),
  };
}

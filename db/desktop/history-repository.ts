import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

/** One entry of the portal's change log about a dossier, kept as its history. */
export interface ApplicationEvent {
  /** The portal's sequence number: the history's order. */
  seq: number;
  applicationNumber: string;
  type: string;
  version: number;
  at: string;
  data: JsonObject;
}

export interface DocumentFileRef {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

export interface DocumentVersion {
  applicationNumber: string;
  documentKey: string;
  version: number;
  source: 'submission' | 'supplement';
  files: DocumentFileRef[];
  /** The applicant's message to the agent with an updated document. */
  message: string | null;
  createdAt: string;
}

export interface HistoryRepository {
  /** Keeps a change; the same seq twice is kept once (a page applied again after a crash). */
  recordEvent(event: Omit<ApplicationEvent, 'at'> & { at: string | Date }): void;
  eventsOf(applicationNumber: string): ApplicationEvent[];
  /** A full resync rebuilds the history from the portal's log. */
  clearEvents(): void;
  addDocumentVersion(
    version: Omit<DocumentVersion, 'createdAt'> & { createdAt: string | Date },
  ): void;
  documentVersionsOf(applicationNumber: string): DocumentVersion[];
}

export function createHistoryRepository(db: Database.Database): HistoryRepository {
  const insertEvent = db.prepare(`
    INSERT INTO application_events (seq, application_number, type, version, at, data)
    VALUES (@seq, @applicationNumber, @type, @version, @at, @data)
    ON CONFLICT (seq) DO NOTHING`);
  const events = db.prepare<[string], Omit<ApplicationEvent, 'data'> & { data: string }>(`
    SELECT seq, application_number AS applicationNumber, type, version, at, data
    FROM application_events WHERE application_number = ? ORDER BY seq`);
  const clear = db.prepare('DELETE FROM application_events');
  const insertVersion = db.prepare(`
    INSERT INTO document_versions (application_number, document_key, version, source, files, message, created_at)
    VALUES (@applicationNumber, @documentKey, @version, @source, @files, @message, @createdAt)
    ON CONFLICT DO NOTHING`);
  const versions = db.prepare<[string], Omit<DocumentVersion, 'files'> & { files: string }>(`
    SELECT application_number AS applicationNumber, document_key AS documentKey, version, source,
           files, message, created_at AS createdAt
    FROM document_versions WHERE application_number = ? ORDER BY document_key, version`);

  return {
    recordEvent(event) {
      insertEvent.run({
        ...event,
        at: toStoredInstant(event.at),
        data: toJsonColumn('data', event.data),
      });
    },
    eventsOf: (applicationNumber) =>
      events
        .all(applicationNumber)
        .map((row) => ({ ...row, data: fromJsonColumn('data', row.data) })),
    clearEvents: () => void clear.run(),
    addDocumentVersion(version) {
      insertVersion.run({
        ...version,
        files: JSON.stringify(version.files),
        createdAt: toStoredInstant(version.createdAt),
      });
    },
    documentVersionsOf: (applicationNumber) =>
      versions.all(applicationNumber).map((row) => ({
        ...row,
        files: JSON.parse(row.files) as DocumentFileRef[],
      })),
  };
}

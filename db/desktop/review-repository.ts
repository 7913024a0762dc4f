import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

export interface Note {
  id: number;
  applicationNumber: string;
  /** null: a note on the whole dossier. */
  documentKey: string | null;
  agentId: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface Highlight {
  id: number;
  applicationNumber: string;
  documentKey: string;
  sha256: string;
  page: number;
  /** Fractions of the unrotated page, 0–1. */
  x: number;
  y: number;
  width: number;
  height: number;
  comment: string;
  agentId: string;
  createdAt: string;
}

export type Verdict = 'compliant' | 'incomplete';

export interface DocumentVerdict {
  applicationNumber: string;
  documentKey: string;
  verdict: Verdict;
  observation: string | null;
  agentId: string;
  /**
   * The document's version the agent had before them (the latest on this workstation), null for
   * a document never filed, or a verdict from before this was kept. A later version is new to
   * them, whatever the clocks say.
   */
  judgedVersion: number | null;
  updatedAt: string;
}

export type Rotation = 0 | 90 | 180 | 270;

/** The agent's review work on this workstation: notes, highlights, verdicts, page rotations. */
export interface ReviewRepository {
  /**
   * Runs `work` in one write transaction: a change of the review work and its entry in the
   * journal (same database) are committed together, or neither.
   */
  transaction<T>(work: () => T): T;
  addNote(note: Pick<Note, 'applicationNumber' | 'documentKey' | 'agentId' | 'text'>): Note;
  findNote(id: number): Note | null;
  /** Only its author edits or removes a note; false otherwise. */
  editNote(id: number, agentId: string, text: string): boolean;
  removeNote(id: number, agentId: string): boolean;
  notesOf(applicationNumber: string): Note[];
  addHighlight(highlight: Omit<Highlight, 'id' | 'createdAt'>): Highlight;
  findHighlight(id: number): Highlight | null;
  removeHighlight(id: number, agentId: string): boolean;
  highlightsOf(applicationNumber: string): Highlight[];
  /** Sets (or replaces) the verdict on one document. */
  setVerdict(verdict: Omit<DocumentVerdict, 'updatedAt'>): DocumentVerdict;
  clearVerdict(applicationNumber: string, documentKey: string): boolean;
  verdictsOf(applicationNumber: string): DocumentVerdict[];
  setRotation(sha256: string, page: number, rotation: Rotation): void;
  /** page → rotation, for the pages that were turned. */
  rotationsOf(sha256: string): Record<number, Rotation>;
}

const NOTE = `id, application_number AS applicationNumber, document_key AS documentKey,
  agent_id AS agentId, text, created_at AS createdAt, updated_at AS updatedAt`;
const HIGHLIGHT = `id, application_number AS applicationNumber, document_key AS documentKey, sha256,
  page, x, y, width, height, comment, agent_id AS agentId, created_at AS createdAt`;
const VERDICT = `application_number AS applicationNumber, document_key AS documentKey, verdict,
  observation, agent_id AS agentId, judged_version AS judgedVersion, updated_at AS updatedAt`;

export function createReviewRepository(db: Database.Database): ReviewRepository {
  const insertNote = db.prepare<[Record<string, unknown>], Note>(`
    INSERT INTO notes (application_number, document_key, agent_id, text, created_at, updated_at)
    VALUES (@applicationNumber, @documentKey, @agentId, @text, @at, @at) RETURNING ${NOTE}`);
  const updateNote = db.prepare<[string, string, number, string]>(
    'UPDATE notes SET text = ?, updated_at = ? WHERE id = ? AND agent_id = ?',
  );
  const deleteNote = db.prepare<[number, string]>(
    'DELETE FROM notes WHERE id = ? AND agent_id = ?',
  );
  const noteById = db.prepare<[number], Note>(`SELECT ${NOTE} FROM notes WHERE id = ?`);
  const notes = db.prepare<[string], Note>(
    `SELECT ${NOTE} FROM notes WHERE application_number = ? ORDER BY id`,
  );
  const insertHighlight = db.prepare<[Record<string, unknown>], Highlight>(`
    INSERT INTO highlights (application_number, document_key, sha256, page, x, y, width, height, comment, agent_id, created_at)
    VALUES (@applicationNumber, @documentKey, @sha256, @page, @x, @y, @width, @height, @comment, @agentId, @at)
    RETURNING ${HIGHLIGHT}`);
  const deleteHighlight = db.prepare<[number, string]>(
    'DELETE FROM highlights WHERE id = ? AND agent_id = ?',
  );
  const highlightById = db.prepare<[number], Highlight>(
    `SELECT ${HIGHLIGHT} FROM highlights WHERE id = ?`,
  );
  const highlights = db.prepare<[string], Highlight>(
    `SELECT ${HIGHLIGHT} FROM highlights WHERE application_number = ? ORDER BY document_key, sha256, page, id`,
  );
  const upsertVerdict = db.prepare<[Record<string, unknown>], DocumentVerdict>(`
    INSERT INTO document_verdicts (application_number, document_key, verdict, observation, agent_id,
      judged_version, updated_at)
    VALUES (@applicationNumber, @documentKey, @verdict, @observation, @agentId, @judgedVersion, @at)
    ON CONFLICT (application_number, document_key) DO UPDATE SET verdict = excluded.verdict,
      observation = excluded.observation, agent_id = excluded.agent_id,
      judged_version = excluded.judged_version, updated_at = excluded.updated_at
    RETURNING ${VERDICT}`);
  const deleteVerdict = db.prepare<[string, string]>(
    'DELETE FROM document_verdicts WHERE application_number = ? AND document_key = ?',
  );
  const verdicts = db.prepare<[string], DocumentVerdict>(
    `SELECT ${VERDICT} FROM document_verdicts WHERE application_number = ? ORDER BY document_key`,
  );
  const upsertRotation = db.prepare<[string, number, number]>(`
    INSERT INTO page_rotations (sha256, page, rotation) VALUES (?, ?, ?)
    ON CONFLICT (sha256, page) DO UPDATE SET rotation = excluded.rotation`);
  const rotations = db.prepare<[string], { page: number; rotation: Rotation }>(
    'SELECT page, rotation FROM page_rotations WHERE sha256 = ? AND rotation <> 0',
  );
  const now = () => toStoredInstant(new Date());
  const returned = <T>(row: T | undefined): T => {
    if (!row) throw new Error('INSERT … RETURNING returned no row');
    return row;
  };

  return {
    // IMMEDIATE: the write lock first, as the journal appends after the entry it reads last.
    transaction: (work) => db.transaction(work).immediate(),
    addNote: (note) => returned(insertNote.get({ ...note, at: now() })),
    findNote: (id) => noteById.get(id) ?? null,
    editNote: (id, agentId, text) => updateNote.run(text, now(), id, agentId).changes > 0,
    removeNote: (id, agentId) => deleteNote.run(id, agentId).changes > 0,
    notesOf: (applicationNumber) => notes.all(applicationNumber),
    addHighlight: (highlight) => returned(insertHighlight.get({ ...highlight, at: now() })),
    findHighlight: (id) => highlightById.get(id) ?? null,
    removeHighlight: (id, agentId) => deleteHighlight.run(id, agentId).changes > 0,
    highlightsOf: (applicationNumber) => highlights.all(applicationNumber),
    setVerdict: (verdict) =>
      returned(
        upsertVerdict.get({
          ...verdict,
          observation: verdict.verdict === 'compliant' ? null : verdict.observation,
          at: now(),
        }),
      ),
    clearVerdict: (applicationNumber, documentKey) =>
      deleteVerdict.run(applicationNumber, documentKey).changes > 0,
    verdictsOf: (applicationNumber) => verdicts.all(applicationNumber),
    setRotation: (sha256, page, rotation) => void upsertRotation.run(sha256, page, rotation),
    rotationsOf: (sha256) =>
      Object.fromEntries(rotations.all(sha256).map(({ page, rotation }) => [page, rotation])),
  };
}

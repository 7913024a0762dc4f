import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export type DecisionKind = 'favorable' | 'unfavorable';
export type DecisionOutcome = 'approved' | 'returned';

/** A decision sent for the supervisor's signature; settled once, never rewritten (the database refuses it). */
export interface DecisionSubmissionRow {
  id: string;
  applicationId: string;
  decision: DecisionKind;
  /** decideFavorable's or decideUnfavorable's payload, as validated at submission. */
  payload: JsonObject;
  attestationSha256: string | null;
  submittedBy: string;
  submittedAt: string;
  /** null while it waits for the signature. */
  outcome: DecisionOutcome | null;
  settledBy: string | null;
  settledAt: string | null;
  /** The supervisor's comment: required to return, optional to approve. */
  comment: string | null;
}

export interface DecisionRepository {
  /** Throws (unique index) when a decision already waits on the application: the caller checks first. */
  submit(
    submission: Pick<
      DecisionSubmissionRow,
      'applicationId' | 'decision' | 'payload' | 'attestationSha256' | 'submittedBy'
    > & { submittedAt: string | Date },
  ): DecisionSubmissionRow;
  find(id: string): DecisionSubmissionRow | undefined;
  /** The decision waiting on the application, if any (at most one). */
  pendingOf(applicationId: string): DecisionSubmissionRow | undefined;
  /** Approves or returns a pending decision; false when it was not pending any more. */
  settle(
    id: string,
    settlement: {
      outcome: DecisionOutcome;
      settledBy: string;
      at: string | Date;
      comment?: string;
    },
  ): boolean;
}

type StoredSubmission = Omit<DecisionSubmissionRow, 'payload'> & { payload: string };

const COLUMNS = `
  id, application_id AS applicationId, decision, payload, attestation_sha256 AS attestationSha256,
  submitted_by AS submittedBy, submitted_at AS submittedAt, outcome, settled_by AS settledBy,
  settled_at AS settledAt, comment`;

const fromStored = (row: StoredSubmission | undefined): DecisionSubmissionRow | undefined =>
  row && { ...row, payload: fromJsonColumn('payload', row.payload) };

export function createDecisionRepository(db: Database.Database): DecisionRepository {
  const insert = db.prepare<[Record<string, unknown>], StoredSubmission>(`
    INSERT INTO decision_submissions
      (id, application_id, decision, payload, attestation_sha256, submitted_by, submitted_at)
    VALUES (@id, @applicationId, @decision, @payload, @attestationSha256, @submittedBy, @submittedAt)
    RETURNING ${COLUMNS}`);
  const byId = db.prepare<[string], StoredSubmission>(
    `SELECT ${COLUMNS} FROM decision_submissions WHERE id = ?`,
  );
  const pending = db.prepare<[string], StoredSubmission>(
    `SELECT ${COLUMNS} FROM decision_submissions WHERE application_id = ? AND outcome IS NULL`,
  );
  const settle = db.prepare(`
    UPDATE decision_submissions SET outcome = @outcome, settled_by = @settledBy, settled_at = @settledAt,
      comment = @comment
    WHERE id = @id AND outcome IS NULL`);

  return {
    submit(submission) {
      const row = fromStored(
        insert.get({
          ...submission,
          id: randomUUID(),
          payload: toJsonColumn('payload', submission.payload),
          submittedAt: toStoredInstant(submission.submittedAt),
        }),
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },
    find: (id) => fromStored(byId.get(id)),
    pendingOf: (applicationId) => fromStored(pending.get(applicationId)),
    settle(id, { outcome, settledBy, at, comment }) {
      return (
        settle.run({
          id,
          outcome,
          settledBy,
          settledAt: toStoredInstant(at),
          comment: comment ?? null,
        }).changes > 0
      );
    },
  };
}

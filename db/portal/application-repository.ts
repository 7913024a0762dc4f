import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StepKey } from '../../shared/dossier/submitted-dossier';
import type { ApplicationStatus } from '../../shared/workflow/statuses';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export interface ApplicationRow {
  id: string;
  /** null while a draft: the number is allocated at submission. */
  applicationNumber: string | null;
  procedure: string;
  applicantId: string;
  status: ApplicationStatus;
  /** 0 while a draft, 1 at submission, +1 at every change after that. */
  version: number;
  serviceCode: string | null;
  assignedAgentId: string | null;
  /** The normalised dossier as submitted; null while a draft. */
  dossier: JsonObject | null;
  confirmationSha256: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

/** A file as a document refers to it (the name is the one the applicant gave). */
export interface DocumentFile {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

export interface DocumentVersionRow {
  applicationId: string;
  documentKey: string;
  version: number;
  files: DocumentFile[];
  source: 'submission' | 'supplement';
  supplementAnswerId: string | null;
  createdAt: string;
}

export interface Submission {
  applicationNumber: string;
  serviceCode: string;
  dossier: JsonObject;
  confirmationSha256: string;
  submittedAt: string | Date;
}

export interface ApplicationChange {
  status: ApplicationStatus;
  assignedAgentId: string | null;
  updatedAt: string | Date;
}

export interface ApplicationRepository {
  createDraft(draft: { procedure: string; applicantId: string; at: string | Date }): ApplicationRow;
  findById(id: string): ApplicationRow | undefined;
  findByNumber(applicationNumber: string): ApplicationRow | undefined;
  /** The applicant's applications, newest first. */
  listOfApplicant(applicantId: string): ApplicationRow[];
  saveStep(id: string, step: StepKey, data: JsonObject, at: string | Date): void;
  steps(id: string): Partial<Record<StepKey, JsonObject>>;
  /** The sequence the next submission of that day would get (1 for the first). */
  peekSequence(key: SequenceKey): number;
  /**
   * Takes `sequence` if it is still the next one; false when another submission took it first.
   * Call inside the submission's transaction so the number and the submission commit together.
   */
  claimSequence(key: SequenceKey, sequence: number): boolean;
  /** draft → submitted, version 1; false when the application is no longer a draft. */
  markSubmitted(id: string, submission: Submission): boolean;
  /** Applies a change if the application is still at `baseVersion`; returns the new version, or null. */
  update(id: string, baseVersion: number, change: ApplicationChange): number | null;
  addDocumentVersion(
    version: Omit<DocumentVersionRow, 'version' | 'createdAt'> & {
      createdAt: string | Date;
    },
  ): DocumentVersionRow;
  documentVersions(applicationId: string): DocumentVersionRow[];
  latestDocumentVersion(applicationId: string, documentKey: string): DocumentVersionRow | undefined;
  /** Records that the application refers to a file (who may read it follows from this). */
  linkFile(applicationId: string, sha256: string): void;
}

export interface SequenceKey {
  departement: string;
  office: string;
  day: string;
}

type StoredApplication = Omit<ApplicationRow, 'dossier'> & { dossier: string | null };
type StoredDocumentVersion = Omit<DocumentVersionRow, 'files'> & { files: string };

const COLUMNS = `
  id, application_number AS applicationNumber, procedure, applicant_id AS applicantId, status, version,
  service_code AS serviceCode, assigned_agent_id AS assignedAgentId, dossier,
  confirmation_sha256 AS confirmationSha256, created_at AS createdAt, updated_at AS updatedAt,
  submitted_at AS submittedAt`;

const VERSION_COLUMNS = `
  application_id AS applicationId, document_key AS documentKey, version, files, source,
  supplement_answer_id AS supplementAnswerId, created_at AS createdAt`;

function fromStored(row: StoredApplication | undefined): ApplicationRow | undefined {
  return (
    row && { ...row, dossier: row.dossier === null ? null : fromJsonColumn('dossier', row.dossier) }
  );
}

function versionFromStored(row: StoredDocumentVersion): DocumentVersionRow {
  return { ...row, files: JSON.parse(row.files) as DocumentFile[] };
}

export function createApplicationRepository(db: Database.Database): ApplicationRepository {
  const insert = db.prepare<[StoredApplication], StoredApplication>(`
    INSERT INTO applications (id, application_number, procedure, applicant_id, status, version, service_code,
                              assigned_agent_id, dossier, confirmation_sha256, created_at, updated_at, submitted_at)
    VALUES (@id, @applicationNumber, @procedure, @applicantId, @status, @version, @serviceCode,
            @assignedAgentId, @dossier, @confirmationSha256, @createdAt, @updatedAt, @submittedAt)
    RETURNING ${COLUMNS}`);
  const byId = db.prepare<[string], StoredApplication>(
    `SELECT ${COLUMNS} FROM applications WHERE id = ?`,
  );
  const byNumber = db.prepare<[string], StoredApplication>(
    `SELECT ${COLUMNS} FROM applications WHERE application_number = ?`,
  );
  const ofApplicant = db.prepare<[string], StoredApplication>(
    `SELECT ${COLUMNS} FROM applications WHERE applicant_id = ? ORDER BY created_at DESC, id`,
  );
  const saveStep = db.prepare(`
    INSERT INTO application_steps (application_id, step, data, saved_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (application_id, step) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at`);
  const touch = db.prepare('UPDATE applications SET updated_at = ? WHERE id = ?');
  const steps = db.prepare<[string], { step: StepKey; data: string }>(
    'SELECT step, data FROM application_steps WHERE application_id = ?',
  );
  const lastSequence = db
    .prepare<[SequenceKey], number>(
      'SELECT last_sequence FROM application_sequences WHERE departement = @departement AND office = @office AND day = @day',
    )
    .pluck();
  // The WHERE makes the claim conditional: it only moves the counter from sequence - 1 to sequence.
  const claim = db.prepare(`
    INSERT INTO application_sequences (departement, office, day, last_sequence)
    VALUES (@departement, @office, @day, @sequence)
    ON CONFLICT (departement, office, day) DO UPDATE SET last_sequence = excluded.last_sequence
    WHERE application_sequences.last_sequence = excluded.last_sequence - 1`);
  const submit = db.prepare(`
    UPDATE applications
    SET status = 'submitted', version = 1, application_number = @applicationNumber, service_code = @serviceCode,
        dossier = @dossier, confirmation_sha256 = @confirmationSha256, submitted_at = @submittedAt,
        updated_at = @submittedAt
    WHERE id = @id AND status = 'draft'`);
  const update = db.prepare(`
    UPDATE applications
    SET status = @status, version = version + 1, assigned_agent_id = @assignedAgentId, updated_at = @updatedAt
    WHERE id = @id AND version = @baseVersion AND status <> 'draft'
    RETURNING version`);
  const insertVersion = db.prepare<
    [Omit<StoredDocumentVersion, 'version'>],
    StoredDocumentVersion
  >(`
    INSERT INTO document_versions (application_id, document_key, version, files, source, supplement_answer_id, created_at)
    SELECT @applicationId, @documentKey, coalesce(max(version), 0) + 1, @files, @source, @supplementAnswerId, @createdAt
    FROM document_versions WHERE application_id = @applicationId AND document_key = @documentKey
    RETURNING ${VERSION_COLUMNS}`);
  const versions = db.prepare<[string], StoredDocumentVersion>(
    `SELECT ${VERSION_COLUMNS} FROM document_versions WHERE application_id = ? ORDER BY document_key, version`,
  );
  const latestVersion = db.prepare<[string, string], StoredDocumentVersion>(
    `SELECT ${VERSION_COLUMNS} FROM document_versions WHERE application_id = ? AND document_key = ?
     ORDER BY version DESC LIMIT 1`,
  );
  const link = db.prepare(
    'INSERT INTO application_files (application_id, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );

  return {
    createDraft({ procedure, applicantId, at }) {
      const stamp = toStoredInstant(at);
      const row = fromStored(
        insert.get({
          id: randomUUID(),
          applicationNumber: null,
          procedure,
          applicantId,
          status: 'draft',
          version: 0,
          serviceCode: null,
          assignedAgentId: null,
          dossier: null,
          confirmationSha256: null,
          createdAt: stamp,
          updatedAt: stamp,
          submittedAt: null,
        }),
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },
    findById: (id) => fromStored(byId.get(id)),
    findByNumber: (applicationNumber) => fromStored(byNumber.get(applicationNumber)),
    listOfApplicant: (applicantId) =>
      ofApplicant.all(applicantId).map((row) => fromStored(row) as ApplicationRow),
    saveStep(id, step, data, at) {
      const stamp = toStoredInstant(at);
      saveStep.run(id, step, toJsonColumn('data', data), stamp);
      touch.run(stamp, id);
    },
    steps(id) {
      return Object.fromEntries(
        steps.all(id).map(({ step, data }) => [step, fromJsonColumn('data', data)]),
      );
    },
    peekSequence: (key) => (lastSequence.get(key) ?? 0) + 1,
    claimSequence: (key, sequence) => claim.run({ ...key, sequence }).changes > 0,
    markSubmitted(id, submission) {
      return (
        submit.run({
          id,
          applicationNumber: submission.applicationNumber,
          serviceCode: submission.serviceCode,
          dossier: toJsonColumn('dossier', submission.dossier),
          confirmationSha256: submission.confirmationSha256,
          submittedAt: toStoredInstant(submission.submittedAt),
        }).changes > 0
      );
    },
    update(id, baseVersion, change) {
      const row = update.get({
        id,
        baseVersion,
        status: change.status,
        assignedAgentId: change.assignedAgentId,
        updatedAt: toStoredInstant(change.updatedAt),
      }) as { version: number } | undefined;
      return row?.version ?? null;
    },
    addDocumentVersion(version) {
      const row = insertVersion.get({
        applicationId: version.applicationId,
        documentKey: version.documentKey,
        files: JSON.stringify(version.files),
        source: version.source,
        supplementAnswerId: version.supplementAnswerId,
        createdAt: toStoredInstant(version.createdAt),
      });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return versionFromStored(row);
    },
    documentVersions: (applicationId) => versions.all(applicationId).map(versionFromStored),
    latestDocumentVersion(applicationId, documentKey) {
      const row = latestVersion.get(applicationId, documentKey);
      return row && versionFromStored(row);
    },
    linkFile(applicationId, sha256) {
      link.run(applicationId, sha256);
    },
  };
}

import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

/** What the bytes are, as read from them at upload. */
export interface FileRow {
  sha256: string;
  size: number;
  mime: string;
  /** Pages of a PDF or TIFF when known. */
  pages: number | null;
  createdAt: string;
}

/** Who sent a file: an applicant, an agent, or the portal itself (neither). */
export type Uploader = { applicantId: string } | { agentId: string } | { portal: true };

export interface UploadRow {
  sha256: string;
  originalName: string;
  uploadedAt: string;
}

export interface FileRepository {
  /** Records the file's metadata once; the same bytes stored again keep their first record. */
  recordFile(file: Omit<FileRow, 'createdAt'>, at: string | Date): void;
  recordUpload(
    upload: { sha256: string; uploader: Uploader; originalName: string },
    at: string | Date,
  ): void;
  find(sha256: string): FileRow | undefined;
  /** The latest upload of this file by this uploader (its name), if they ever sent it. */
  uploadBy(sha256: string, uploader: Uploader): UploadRow | undefined;
  /** A file the applicant sent, or that one of their applications refers to. */
  applicantMayRead(sha256: string, applicantId: string): boolean;
  /**
   * A file the agent sent, or that an application of the agent's service refers to, or the
   * attestation of a decision submitted for signature in that service (the supervisor reads it
   * before signing).
   */
  agentMayRead(sha256: string, agent: { id: string; serviceCode: string }): boolean;
  /** The numbers of the applications that refer to the file (documents, attestations, decisions submitted), each once. */
  applicationNumbersOf(sha256: string): string[];
}

const UPLOAD_COLUMNS = 'sha256, original_name AS originalName, uploaded_at AS uploadedAt';

function uploaderIds(uploader: Uploader): { applicantId: string | null; agentId: string | null } {
  return {
    applicantId: 'applicantId' in uploader ? uploader.applicantId : null,
    agentId: 'agentId' in uploader ? uploader.agentId : null,
  };
}

export function createFileRepository(db: Database.Database): FileRepository {
  const insertFile = db.prepare(`
    INSERT INTO files (sha256, size, mime, pages, created_at) VALUES (@sha256, @size, @mime, @pages, @createdAt)
    ON CONFLICT (sha256) DO NOTHING`);
  const insertUpload = db.prepare(`
    INSERT INTO uploads (sha256, applicant_id, agent_id, original_name, uploaded_at)
    VALUES (@sha256, @applicantId, @agentId, @originalName, @uploadedAt)`);
  const find = db.prepare<[string], FileRow>(
    'SELECT sha256, size, mime, pages, created_at AS createdAt FROM files WHERE sha256 = ?',
  );
  const byApplicant = db.prepare<[string, string], UploadRow>(
    `SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE sha256 = ? AND applicant_id = ? ORDER BY id DESC LIMIT 1`,
  );
  const byAgent = db.prepare<[string, string], UploadRow>(
    `SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE sha256 = ? AND agent_id = ? ORDER BY id DESC LIMIT 1`,
  );
  const byPortal = db.prepare<[string], UploadRow>(
    `SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE sha256 = ? AND applicant_id IS NULL AND agent_id IS NULL
     ORDER BY id DESC LIMIT 1`,
  );
  const applicantMayRead = db
    .prepare<[{ sha256: string; applicantId: string }], number>(
      `
      SELECT EXISTS (SELECT 1 FROM uploads WHERE sha256 = @sha256 AND applicant_id = @applicantId)
          OR EXISTS (SELECT 1 FROM application_files f JOIN applications a ON a.id = f.application_id
                     WHERE f.sha256 = @sha256 AND a.applicant_id = @applicantId)`,
    )
    .pluck();
  const agentMayRead = db
    .prepare<[{ sha256: string; agentId: string; serviceCode: string }], number>(
      `
      SELECT EXISTS (SELECT 1 FROM uploads WHERE sha256 = @sha256 AND agent_id = @agentId)
          OR EXISTS (SELECT 1 FROM application_files f JOIN applications a ON a.id = f.application_id
                     WHERE f.sha256 = @sha256 AND a.service_code = @serviceCode)
          OR EXISTS (SELECT 1 FROM decision_submissions d JOIN applications a ON a.id = d.application_id
                     WHERE d.attestation_sha256 = @sha256 AND a.service_code = @serviceCode)`,
    )
    .pluck();
  const applicationNumbers = db
    .prepare<[{ sha256: string }], string>(
      `
      SELECT a.application_number FROM applications a
      WHERE a.application_number IS NOT NULL
        AND (a.id IN (SELECT application_id FROM application_files WHERE sha256 = @sha256)
          OR a.id IN (SELECT application_id FROM decision_submissions WHERE attestation_sha256 = @sha256))
      ORDER BY a.application_number`,
    )
    .pluck();

  return {
    recordFile(file, at) {
      insertFile.run({ ...file, createdAt: toStoredInstant(at) });
    },
    recordUpload({ sha256, uploader, originalName }, at) {
      insertUpload.run({
        sha256,
        ...uploaderIds(uploader),
        originalName,
        uploadedAt: toStoredInstant(at),
      });
    },
    find: (sha256) => find.get(sha256),
    uploadBy(sha256, uploader) {
      if ('applicantId' in uploader) return byApplicant.get(sha256, uploader.applicantId);
      if ('agentId' in uploader) return byAgent.get(sha256, uploader.agentId);
      return byPortal.get(sha256);
    },
    applicantMayRead: (sha256, applicantId) => applicantMayRead.get({ sha256, applicantId }) === 1,
    agentMayRead: (sha256, agent) =>
      agentMayRead.get({ sha256, agentId: agent.id, serviceCode: agent.serviceCode }) === 1,
    applicationNumbersOf: (sha256) => applicationNumbers.all({ sha256 }),
  };
}

import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

export type FileState = 'missing' | 'ready' | 'failed';

/** An attachment as the portal announced it, and where its download stands. */
export interface FileRow {
  sha256: string;
  size: number;
  mime: string;
  state: FileState;
  /** Failed attempts since the last success (the backoff grows with it). */
  attempts: number;
  nextAttemptAt: string | null;
  /** Why the last attempt failed, in French. */
  lastError: string | null;
  storedAt: string | null;
  lastUsedAt: string | null;
}

export interface AnnouncedFile {
  sha256: string;
  size: number;
  mime: string;
}

/** A file to download: what the downloader needs to fetch and verify it. */
export type WantedFile = Pick<FileRow, 'sha256' | 'size' | 'mime' | 'attempts'>;

export interface FileProgress {
  /** Files of the agent's dossiers not on this workstation yet. */
  queued: number;
  /** Of those, the ones whose last attempt failed. */
  failed: number;
  /** Their total size. */
  queuedBytes: number;
}

export interface FileRepository {
  /**
   * Records the files a dossier refers to (new files start 'missing'). Opens no transaction: the
   * pull calls it inside the transaction of the page that brought the dossier.
   */
  announce(applicationNumber: string, files: readonly AnnouncedFile[]): void;
  get(sha256: string): FileRow | undefined;
  /**
   * The agent's prefetch set not yet here and due (never tried, or its backoff is over): files of
   * the dossiers assigned to them or that they are taking (a pending assignment in the outbox).
   * Fresh files first, then by the queue's order (oldest submission first).
   */
  wanted(agentId: string, limit: number, now: Date): WantedFile[];
  /** When the next file of the prefetch set comes out of its backoff, if one is waiting. */
  nextRetryAt(agentId: string, now: Date): string | null;
  markReady(sha256: string, at: Date): void;
  markFailed(sha256: string, error: string, nextAttemptAt: Date): void;
  /** After an eviction: to download again when wanted. */
  markMissing(sha256: string): void;
  /** The viewer opened it: eviction takes the least recently used first. */
  touch(sha256: string, at: Date): void;
  progress(agentId: string): FileProgress;
  /** Files here that the agent does not need offline, least recently used first. */
  evictionCandidates(agentId: string): Pick<FileRow, 'sha256' | 'size'>[];
  /** The size of every file on this workstation. */
  readyBytes(): number;
  /** The hashes of every file held locally (for checks of the store). */
  readyHashes(): string[];
}

const FILE_COLUMNS = `
  sha256, size, mime, state, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError,
  stored_at AS storedAt, last_used_at AS lastUsedAt`;

/**
 * The dossiers whose files the agent must have offline. An assignment waiting in the outbox counts:
 * the agent took the dossier while offline, or before the portal confirmed it. Its payload names
 * the new owner; without agentId the pushing agent takes it for themself.
 */
const PREFETCH_FILES = `
  WITH prefetch (application_number) AS (
    SELECT application_number FROM applications WHERE assigned_agent_id = @agentId
    UNION
    SELECT application_number FROM outbox
    WHERE state = 'pending' AND type = 'assign'
      AND coalesce(json_extract(payload, '$.agentId'), agent_id) = @agentId
  ),
  prefetch_files (sha256, submitted_at) AS (
    SELECT af.sha256, min(a.submitted_at)
    FROM prefetch p
    JOIN application_files af ON af.application_number = p.application_number
    JOIN applications a ON a.application_number = p.application_number
    GROUP BY af.sha256
  )`;

export function createFileRepository(db: Database.Database): FileRepository {
  // ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: the latter would also swallow CHECK failures.
  const insertFile = db.prepare<[AnnouncedFile]>(`
    INSERT INTO files (sha256, size, mime) VALUES (@sha256, @size, @mime)
    ON CONFLICT (sha256) DO NOTHING`);
  const insertLink = db.prepare<[{ applicationNumber: string; sha256: string }]>(`
    INSERT INTO application_files (application_number, sha256) VALUES (@applicationNumber, @sha256)
    ON CONFLICT DO NOTHING`);
  const bySha256 = db.prepare<[string], FileRow>(
    `SELECT ${FILE_COLUMNS} FROM files WHERE sha256 = ?`,
  );
  const wanted = db.prepare<[{ agentId: string; limit: number; now: string }], WantedFile>(`
    ${PREFETCH_FILES}
    SELECT f.sha256, f.size, f.mime, f.attempts
    FROM prefetch_files pf JOIN files f ON f.sha256 = pf.sha256
    WHERE f.state <> 'ready' AND (f.next_attempt_at IS NULL OR f.next_attempt_at <= @now)
    ORDER BY f.attempts, pf.submitted_at, f.sha256
    LIMIT @limit`);
  const nextRetry = db
    .prepare<[{ agentId: string; now: string }], string | null>(
      `
    ${PREFETCH_FILES}
    SELECT min(f.next_attempt_at)
    FROM prefetch_files pf JOIN files f ON f.sha256 = pf.sha256
    WHERE f.state <> 'ready' AND f.next_attempt_at > @now`,
    )
    .pluck();
  const ready = db.prepare<[{ sha256: string; at: string }]>(`
    UPDATE files SET state = 'ready', stored_at = @at, attempts = 0, next_attempt_at = NULL,
                     last_error = NULL
    WHERE sha256 = @sha256`);
  const failed = db.prepare<[{ sha256: string; error: string; nextAttemptAt: string }]>(`
    UPDATE files SET state = 'failed', stored_at = NULL, attempts = attempts + 1,
                     next_attempt_at = @nextAttemptAt, last_error = @error
    WHERE sha256 = @sha256`);
  const missing = db.prepare<[string]>(`
    UPDATE files SET state = 'missing', stored_at = NULL, attempts = 0, next_attempt_at = NULL,
                     last_error = NULL
    WHERE sha256 = ?`);
  const touch = db.prepare<[{ sha256: string; at: string }]>(
    'UPDATE files SET last_used_at = @at WHERE sha256 = @sha256',
  );
  const progress = db.prepare<[{ agentId: string }], FileProgress>(`
    ${PREFETCH_FILES}
    SELECT count(*) AS queued, count(*) FILTER (WHERE f.state = 'failed') AS failed,
           coalesce(sum(f.size), 0) AS queuedBytes
    FROM prefetch_files pf JOIN files f ON f.sha256 = pf.sha256
    WHERE f.state <> 'ready'`);
  const evictable = db.prepare<[{ agentId: string }], Pick<FileRow, 'sha256' | 'size'>>(`
    ${PREFETCH_FILES}
    SELECT sha256, size FROM files
    WHERE state = 'ready' AND sha256 NOT IN (SELECT sha256 FROM prefetch_files)
    ORDER BY coalesce(last_used_at, stored_at), sha256`);
  const readyHashes = db
    .prepare<[], string>(`SELECT sha256 FROM files WHERE state = 'ready' ORDER BY sha256`)
    .pluck();
  const readyBytes = db
    .prepare<[], number>("SELECT coalesce(sum(size), 0) FROM files WHERE state = 'ready'")
    .pluck();

  return {
    announce(applicationNumber, files) {
      for (const file of files) {
        insertFile.run({ sha256: file.sha256, size: file.size, mime: file.mime });
        insertLink.run({ applicationNumber, sha256: file.sha256 });
      }
    },
    get: (sha256) => bySha256.get(sha256),
    wanted(agentId, limit, now) {
      if (!Number.isSafeInteger(limit) || limit < 1)
        throw new RangeError(`limit must be a positive integer, got ${limit}`);
      return wanted.all({ agentId, limit, now: toStoredInstant(now) });
    },
    nextRetryAt: (agentId, now) => nextRetry.get({ agentId, now: toStoredInstant(now) }) ?? null,
    markReady: (sha256, at) => void ready.run({ sha256, at: toStoredInstant(at) }),
    markFailed: (sha256, error, nextAttemptAt) =>
      void failed.run({ sha256, error, nextAttemptAt: toStoredInstant(nextAttemptAt) }),
    markMissing: (sha256) => void missing.run(sha256),
    touch: (sha256, at) => void touch.run({ sha256, at: toStoredInstant(at) }),
    progress(agentId) {
      const row = progress.get({ agentId });
      return row ?? { queued: 0, failed: 0, queuedBytes: 0 };
    },
    evictionCandidates: (agentId) => evictable.all({ agentId }),
    readyBytes: () => readyBytes.get() ?? 0,
    readyHashes: () => readyHashes.all(),
  };
}

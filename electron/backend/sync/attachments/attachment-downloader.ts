import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from '../../../../db/blob-store';
import type { FileRepository, WantedFile } from '../../../../db/desktop/file-repository';
import type { DownloadProgress } from '../sync-status';
import {
  AttachmentError,
  downloadInterrupted,
  noPortal,
  sessionExpired,
  unknownFile,
} from './attachment-errors';
import { downloadFile, partPath } from './download-file';

/** Partial downloads live inside the store (a rename away from it); the dot keeps them apart from blobs. */
const PARTS_FOLDER = '.downloads';
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60 * 60_000;
/** A 403/404 will not heal in a minute: the dossier left the service, or the file is gone. */
const REFUSED_RETRY_MS = 6 * 60 * 60_000;
const ROUND_LIMIT = 100;

export interface AttachmentDownloaderOptions {
  files: FileRepository;
  blobs: BlobStore;
  /** Read at each round: null when no portal is configured. */
  portalUrl: () => string | null;
  /** The agent's portal token; null when logged in offline. */
  token: () => string | null;
  /** Whose dossiers to prefetch; null when nobody is logged in. */
  agentId: () => string | null;
  /** Background downloads at once (the viewer's `ensure` does not wait for a slot). */
  parallelism?: number;
  /** The cache is evicted down to this, except the files the agent needs offline. */
  cacheLimitBytes: number;
  now?: () => Date;
  /** The loop's pause when nothing is due; `kick()` ends it early. */
  idleMs?: number;
  stallTimeoutMs?: number;
}

export interface RoundResult {
  downloaded: number;
  /** Failed attempts (retried later), corrupted ones included. */
  failed: number;
  corrupted: number;
  evicted: number;
  /** Why the round stopped before its end: the portal's fault or a stop, never a file's. */
  halted: 'offline' | 'unauthorized' | 'stopped' | null;
}

export interface AttachmentDownloader {
  /** Runs rounds in the background until `stop()`. */
  start(): void;
  /** Aborts the downloads in flight (their partial files stay, for resuming) and ends the loop. */
  stop(): Promise<void>;
  /** New files were announced, or a new token given: the loop looks now instead of after its pause. */
  kick(): void;
  /** Downloads what is due, then evicts. Concurrent calls share rounds. */
  runOnce(): Promise<RoundResult>;
  /**
   * The file's local path for the viewer, downloading it now if needed, ahead of the queue and
   * whatever its backoff. Throws an AttachmentError with a French message when it is impossible.
   * Read it through the store (get, readStream), which checks its hash.
   */
  ensure(sha256: string): Promise<string>;
  progress(): DownloadProgress;
}

type Outcome = { ok: true } | { ok: false; failure: AttachmentError };

interface InFlight {
  promise: Promise<Outcome>;
  controller: AbortController;
}

type Halt = RoundResult['halted'];

/** The failures that are the portal's or the caller's, not the file's: they end the round. */
function haltOf(failure: AttachmentError): Halt {
  const { code } = failure;
  return code === 'offline' || code === 'unauthorized' || code === 'stopped' ? code : null;
}

export function retryDelayMs(failure: AttachmentError, attempts: number): number {
  if (failure.code === 'refused') return REFUSED_RETRY_MS;
  return Math.min(FIRST_RETRY_MS * 2 ** attempts, MAX_RETRY_MS);
}

/**
 * The attachments' download queue, apart from the data sync: a file that fails, however often,
 * only delays itself. Each round takes the agent's due files (see FileRepository.wanted) with a
 * bounded number of downloads at once, then evicts least recently used files the agent does not
 * need offline until the cache fits its limit.
 */
export function createAttachmentDownloader({
  files,
  blobs,
  portalUrl,
  token,
  agentId,
  parallelism = 3,
  cacheLimitBytes,
  now = () => new Date(),
  idleMs = 60_000,
  stallTimeoutMs,
}: AttachmentDownloaderOptions): AttachmentDownloader {
  if (!Number.isSafeInteger(parallelism) || parallelism < 1)
    throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
  const partsDir = join(blobs.dir, PARTS_FOLDER);
  const inFlight = new Map<string, InFlight>();
  /** The token the portal answered 401 to: not tried again until the agent logs in anew. */
  let refusedToken: string | null = null;
  let stopped = false;
  let partsCleaned = false;
  let running: Promise<RoundResult> | null = null;
  let next: Promise<RoundResult> | null = null;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  /** A kick that came while a round was running: the loop looks again instead of pausing. */
  let kicked = false;
  /** Bytes of the current batch, for the progress bar; reset once nothing is running. */
  const batch = { done: 0, total: 0 };

  function resetBatchWhenIdle() {
    if (inFlight.size === 0 && running === null) {
      batch.done = 0;
      batch.total = 0;
    }
  }

  /** A failure the file is to blame for is recorded with its next attempt; the portal's are not. */
  function record(sha256: string, failure: AttachmentError, usedToken: string) {
    if (failure.code === 'unauthorized') refusedToken = usedToken;
    if (haltOf(failure)) return;
    const attempts = files.get(sha256)?.attempts ?? 0;
    const at = new Date(now().getTime() + retryDelayMs(failure, attempts));
    files.markFailed(sha256, failure.message, at);
  }

  /** One download per file at a time: the round and the viewer share it. */
  function download(
    file: Pick<WantedFile, 'sha256' | 'size'>,
    url: string,
    bearer: string,
    counted: boolean,
    onReceived?: () => void,
  ): Promise<Outcome> {
    const existing = inFlight.get(file.sha256);
    if (existing) return existing.promise;
    const controller = new AbortController();
    if (!counted) batch.total += file.size;
    let reached = 0;
    const promise = (async (): Promise<Outcome> => {
      try {
        await downloadFile({
          portalUrl: url,
          token: bearer,
          file,
          blobs,
          partsDir,
          signal: controller.signal,
          stallTimeoutMs,
          ...(onReceived ? { onReceived } : {}),
          onProgress(bytesOnDisk) {
            batch.done += bytesOnDisk - reached;
            reached = bytesOnDisk;
          },
        });
        files.markReady(file.sha256, now());
        return { ok: true };
      } catch (error) {
        // A full disk or an unexpected fault is the file's failure too: it must not stop the others.
        const failure = error instanceof AttachmentError ? error : downloadInterrupted(error);
        record(file.sha256, failure, bearer);
        batch.done -= reached;
        batch.total -= file.size;
        return { ok: false, failure };
      } finally {
        inFlight.delete(file.sha256);
        resetBatchWhenIdle();
      }
    })();
    inFlight.set(file.sha256, { promise, controller });
    return promise;
  }

  /** Partial files of files no longer wanted, or already here, would otherwise stay forever. */
  async function cleanParts() {
    let names: string[];
    try {
      names = await readdir(partsDir);
    } catch {
      return;
    }
    for (const name of names) {
      const sha256 = /^([0-9a-f]{64})\.part$/.exec(name)?.[1];
      if (sha256 === undefined || inFlight.has(sha256)) continue;
      const row = files.get(sha256);
      if (!row || row.state === 'ready') await rm(partPath(partsDir, sha256), { force: true });
    }
  }

  async function evict(agent: string): Promise<number> {
    let excess = files.readyBytes() - cacheLimitBytes;
    let evicted = 0;
    for (const candidate of excess > 0 ? files.evictionCandidates(agent) : []) {
      if (excess <= 0) break;
      if (inFlight.has(candidate.sha256)) continue;
      // The row first: the database never claims a file that is not on disk.
      files.markMissing(candidate.sha256);
      await blobs.delete(candidate.sha256);
      excess -= candidate.size;
      evicted += 1;
    }
    return evicted;
  }

  async function round(): Promise<RoundResult> {
    const result: RoundResult = {
      downloaded: 0,
      failed: 0,
      corrupted: 0,
      evicted: 0,
      halted: null,
    };
    const url = portalUrl();
    const bearer = token();
    const agent = agentId();
    if (stopped) return { ...result, halted: 'stopped' };
    if (!agent) return result;
    if (!partsCleaned) {
      partsCleaned = true;
      await cleanParts();
    }
    if (!url) result.halted = 'offline';
    else if (!bearer || bearer === refusedToken) result.halted = 'unauthorized';
    else {
      const queue = files.wanted(agent, ROUND_LIMIT, now());
      for (const file of queue) if (!inFlight.has(file.sha256)) batch.total += file.size;
      const tally = (outcome: Outcome) => {
        if (outcome.ok) result.downloaded += 1;
        else if (haltOf(outcome.failure)) result.halted ??= haltOf(outcome.failure);
        else {
          result.failed += 1;
          if (outcome.failure.code === 'corrupted') result.corrupted += 1;
        }
      };
      // `parallelism` transfers at a time. Once a file's bytes are in, its worker starts the next
      // transfer while the store flushes, checks and renames that file: each file's two journal
      // commits (file, then folder) no longer leave the connection idle. At most one file per
      // worker is being adopted.
      const worker = async () => {
        let adopting: Promise<void> = Promise.resolve();
        for (let file = queue.shift(); file; file = queue.shift()) {
          if (result.halted || stopped) break;
          let received = () => {};
          const transferred = new Promise<void>((resolve) => (received = resolve));
          const settled = download(file, url, bearer, true, received).then(tally);
          await Promise.race([transferred, settled]);
          await adopting;
          adopting = settled;
        }
        await adopting;
      };
      await Promise.all(Array.from({ length: Math.min(parallelism, queue.length) }, worker));
    }
    result.evicted = await evict(agent);
    return result;
  }

  function runOnce(): Promise<RoundResult> {
    if (!running) {
      running = round().finally(() => {
        running = null;
        resetBatchWhenIdle();
      });
      return running;
    }
    // A round is under way and may have missed what was just announced: one more after it.
    const again = () => {
      next = null;
      return runOnce();
    };
    next ??= running.then(again, again);
    return next;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function runLoop() {
    while (!stopped) {
      kicked = false;
      let result: RoundResult;
      try {
        result = await runOnce();
      } catch (error) {
        console.error('Téléchargement des pièces :', error);
        result = { downloaded: 0, failed: 0, corrupted: 0, evicted: 0, halted: 'offline' };
      }
      if (stopped) return;
      if (kicked || (!result.halted && result.downloaded + result.failed > 0)) continue;
      const agent = agentId();
      const retryAt = !result.halted && agent ? files.nextRetryAt(agent, now()) : null;
      await pause(retryAt ? Math.min(idleMs, Date.parse(retryAt) - now().getTime()) : idleMs);
    }
  }

  return {
    start() {
      stopped = false;
      loop ??= runLoop().finally(() => (loop = null));
    },

    async stop() {
      stopped = true;
      wake?.();
      const pending = [...inFlight.values()];
      for (const { controller } of pending) controller.abort();
      await Promise.allSettled([loop, running, ...pending.map(({ promise }) => promise)]);
    },

    kick() {
      kicked = true;
      wake?.();
    },

    runOnce,

    async ensure(sha256) {
      const row = files.get(sha256);
      if (!row) throw unknownFile(sha256);
      if (row.state === 'ready') {
        if ((await blobs.size(sha256)) === row.size) {
          files.touch(sha256, now());
          return blobs.path(sha256);
        }
        files.markMissing(sha256);
      }
      const url = portalUrl();
      if (!url) throw noPortal();
      const bearer = token();
      if (!bearer) throw sessionExpired();
      const outcome = await download(row, url, bearer, false);
      if (!outcome.ok) throw outcome.failure;
      files.touch(sha256, now());
      return blobs.path(sha256);
    },

    progress() {
      const agent = agentId();
      const queued = agent ? files.progress(agent) : { queued: 0, failed: 0 };
      return {
        queued: queued.queued,
        active: inFlight.size,
        bytesDone: batch.done,
        bytesTotal: batch.total,
        failed: queued.failed,
        cacheBytes: files.readyBytes(),
        cacheLimitBytes,
      };
    },
  };
}

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { BlobStore } from '../../../../db/blob-store';
import { StorageError } from '../../../../db/errors';
import {
  AttachmentError,
  downloadInterrupted,
  downloadStopped,
  fileCorrupted,
  fileRefused,
  portalOffline,
  portalServerError,
  sessionExpired,
} from './attachment-errors';
import { createBackgroundFlush } from './background-flush';

/** See background-flush.ts: 1, 2 and 4 MiB measured alike; 2 MiB flushes most scans at least once. */
const FLUSH_EVERY_BYTES = 2 << 20;

export interface DownloadRequest {
  /** The portal's base URL; the file is at `<portalUrl>/files/<sha256>`. */
  portalUrl: string;
  token: string;
  /** What the portal announced: the bytes must have this size and this hash. */
  file: { sha256: string; size: number };
  blobs: BlobStore;
  /** Where partial downloads wait to be resumed: inside `blobs.dir`, so adopting them is a rename. */
  partsDir: string;
  /** Aborting leaves the partial file for the next attempt. */
  signal?: AbortSignal;
  /** The bytes of the file on disk so far (the resumed prefix included), after each chunk. */
  onProgress?: (bytesOnDisk: number) => void;
  /** A connection that sends nothing for this long is given up (and resumed later). */
  stallTimeoutMs?: number;
  /** The part file is flushed to disk after each this many bytes, while the rest arrives. */
  flushEveryBytes?: number;
  /**
   * Every byte is on disk and the connection is done with: what is left (flush, hash check,
   * rename into the store) needs no network, and the caller may start its next transfer.
   */
  onReceived?: () => void;
}

export interface Downloaded {
  path: string;
  /** Bytes that were already on disk and were not asked for again. */
  resumedFrom: number;
  received: number;
}

export function partPath(partsDir: string, sha256: string): string {
  return join(partsDir, `${sha256}.part`);
}

async function sizeOnDisk(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** `bytes <start>-<end>/<total>` */
function parseContentRange(header: string | null): { start: number; total: number } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  return match ? { start: Number(match[1]), total: Number(match[3]) } : null;
}

/**
 * The store checks the hash: of the bytes as they were written when the whole file came in one
 * response (hashed on the way, no second read), else of the bytes as they lie on disk.
 */
async function adopt(
  blobs: BlobStore,
  part: string,
  sha256: string,
  writtenSha256?: string,
): Promise<void> {
  try {
    await blobs.adopt(part, sha256, writtenSha256 ? { writtenSha256 } : {});
  } catch (error) {
    if (error instanceof StorageError && error.code === 'blob_hash_mismatch')
      throw fileCorrupted('empreinte SHA-256 différente');
    throw error;
  }
}

function failureOfStatus(status: number): AttachmentError {
  if (status === 401) return sessionExpired();
  if (status >= 500) return portalServerError(status);
  return fileRefused(status);
}

/**
 * One attachment from the portal into the content-addressed store. The bytes go to a `.part` file
 * that survives failures and restarts; a later attempt asks only for the rest (`Range`, with
 * `If-Range` so that a changed file is sent whole). Once complete, the store verifies the hash and
 * renames the file onto its name; bytes that do not match are deleted, never kept.
 */
export async function downloadFile({
  portalUrl,
  token,
  file,
  blobs,
  partsDir,
  signal,
  onProgress,
  stallTimeoutMs = 30_000,
  flushEveryBytes = FLUSH_EVERY_BYTES,
  onReceived,
}: DownloadRequest): Promise<Downloaded> {
  await mkdir(partsDir, { recursive: true, mode: 0o700 });
  const part = partPath(partsDir, file.sha256);
  let offset = await sizeOnDisk(part);
  if (offset > file.size) {
    await rm(part, { force: true });
    offset = 0;
  }
  if (offset === file.size && offset > 0) {
    // Complete before a crash, but never adopted: no request needed if its bytes are right. (Not
    // told as received: if they are wrong, the file is downloaded again, in its worker's slot.)
    try {
      await adopt(blobs, part, file.sha256);
      return { path: blobs.path(file.sha256), resumedFrom: offset, received: 0 };
    } catch (error) {
      if (!(error instanceof AttachmentError)) throw error;
      offset = 0;
    }
  }

  // Aborted by the caller (stop) or by silence (stall): told apart by which signal fired.
  const stall = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(), stallTimeoutMs);
  };
  const aborted = signal ? AbortSignal.any([signal, stall.signal]) : stall.signal;
  const failureOf = (error: unknown) => {
    if (error instanceof AttachmentError) return error;
    return signal?.aborted ? downloadStopped() : downloadInterrupted(error);
  };

  rearm();
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (offset > 0) {
      headers.range = `bytes=${offset}-`;
      headers['if-range'] = `"${file.sha256}"`;
    }
    let response: Response;
    try {
      response = await fetch(`${portalUrl.replace(/\/+$/, '')}/files/${file.sha256}`, {
        headers,
        signal: aborted,
      });
    } catch (error) {
      throw signal?.aborted ? downloadStopped() : portalOffline(error);
    }

    let start: number;
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (range?.total !== file.size) {
        await response.body?.cancel();
        await rm(part, { force: true });
        throw fileCorrupted(`taille annoncée ${file.size} octets, reçue ${range?.total ?? '?'}`);
      }
      if (range.start !== offset) {
        await response.body?.cancel();
        await rm(part, { force: true });
        throw downloadInterrupted();
      }
      start = offset;
    } else if (response.status === 200) {
      start = 0;
    } else if (response.status === 416) {
      // The portal's file is shorter than the part we hold: it is not the announced file.
      await response.body?.cancel();
      await rm(part, { force: true });
      throw fileCorrupted(`taille annoncée ${file.size} octets`);
    } else {
      await response.body?.cancel();
      throw failureOfStatus(response.status);
    }

    let onDisk = start;
    // A download from the first byte is hashed as it passes; a resumed one is hashed by the store.
    const hash = start === 0 ? createHash('sha256') : null;
    onProgress?.(onDisk);
    // Every byte received reaches the part file, even when the transfer then fails: the next
    // attempt resumes from what is on disk (a pipeline would drop what it had not written yet).
    const out = createWriteStream(part, { flags: start === 0 ? 'w' : 'a', mode: 0o600 });
    const closed = once(out, 'close');
    closed.catch(() => undefined); // a write error is read below, once the loop is over
    const flush = createBackgroundFlush(part, flushEveryBytes);
    let failure: unknown = null;
    try {
      for await (const chunk of Readable.fromWeb(
        (response.body ?? new Blob().stream()) as WebReadableStream,
        { signal: aborted },
      ) as AsyncIterable<Buffer>) {
        rearm();
        if (onDisk + chunk.length > file.size)
          throw fileCorrupted(`plus de ${file.size} octets reçus`);
        hash?.update(chunk);
        onDisk += chunk.length;
        if (!out.write(chunk)) await Promise.race([once(out, 'drain'), closed]);
        // Until the writer has opened (and so created) the part file, there is nothing to flush.
        if (!out.pending) flush.wrote(chunk.length);
        onProgress?.(onDisk);
      }
    } catch (error) {
      failure = error;
    }
    failure ??= await flush.settle();
    out.end();
    try {
      await closed;
    } catch (error) {
      failure ??= error;
    }
    if (out.errored) failure ??= out.errored;
    if (failure !== null) {
      const reported = failureOf(failure);
      if (reported.code === 'corrupted') await rm(part, { force: true });
      throw reported;
    }
    if (onDisk < file.size) throw downloadInterrupted();
    clearTimeout(timer); // no more bytes to wait for: adoption is not a stall
    onReceived?.();
    await adopt(blobs, part, file.sha256, hash?.digest('hex'));
    return { path: blobs.path(file.sha256), resumedFrom: start, received: onDisk - start };
  } finally {
    clearTimeout(timer);
  }
}

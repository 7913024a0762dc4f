import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import {
  blobCorrupted,
  blobHashMismatch,
  blobNotFound,
  blobRangeInvalid,
  blobTooLarge,
  invalidBlobId,
} from './errors';

/** A stored file is named by the SHA-256 of its bytes, in lowercase hex: one spelling per content. */
const SHA256_HEX = /^[0-9a-f]{64}$/;
const PRIVATE_FOLDER_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;
/** Dot-prefixed, so a half-written file can never be mistaken for a blob (blob folders are 2 hex digits). */
const TEMPORARY_PREFIX = '.tmp-';
/** A temporary file older than this was left by a crash; younger ones may belong to a running write. */
const STALE_TEMPORARY_MS = 60 * 60_000;

export interface StoredBlob {
  sha256: string;
  size: number;
}

/** Inclusive byte offsets, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutStreamOptions {
  /** The stream is abandoned, and nothing kept, as soon as it goes beyond this many bytes. */
  maxBytes?: number;
  /** The hash announced by the sender: bytes that do not match it are not kept. */
  expectedSha256?: string;
}

export interface BlobStore {
  readonly dir: string;
  /** Stores bytes and returns their name; storing the same bytes again writes nothing (and repairs a damaged copy). */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** Like `put` for a stream, hashed while it is written, so a large file is never held in memory. */
  putStream(source: AsyncIterable<Uint8Array>, options?: PutStreamOptions): Promise<StoredBlob>;
  /**
   * Takes in a file written by someone else inside `dir` (a finished download): flushed, checked
   * against `expectedSha256`, then renamed onto its name. The file is consumed either way: moved
   * in, or deleted when its bytes do not match (`blob_hash_mismatch`). A writer that hashed the
   * bytes as it wrote them gives that digest (`writtenSha256`) and spares the store reading the
   * whole file back; the store still flushes it, and every later read checks it again.
   */
  adopt(
    file: string,
    expectedSha256: string,
    options?: { writtenSha256?: string },
  ): Promise<StoredBlob>;
  has(sha256: string): Promise<boolean>;
  /** The size in bytes, or undefined when absent: what an HTTP Range answer needs before reading. */
  size(sha256: string): Promise<number | undefined>;
  /** The bytes, checked against their name first: a damaged file throws `blob_corrupted`. */
  get(sha256: string): Promise<Buffer>;
  /** The bytes or a range of them, streamed after the whole file was checked against its name. */
  readStream(sha256: string, range?: ByteRange): Promise<Readable>;
  path(sha256: string): string;
  /** Removes a file (retention); false when it was not there. */
  delete(sha256: string): Promise<boolean>;
}

function assertSha256(value: unknown): asserts value is string {
  // Also what keeps a crafted id ('../../etc/passwd') from naming a path outside the store.
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) throw invalidBlobId(value);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function hashFile(file: string): Promise<StoredBlob> {
  const hash = createHash('sha256');
  let size = 0;
  // 1 MiB reads: the default 64 KiB made checking a freshly downloaded 10 MB scan cost more than
  // receiving it (bench:sync).
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** A rename is durable once the folder holding the new name is flushed (Windows cannot open a folder to flush it). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function removeStaleTemporaryFiles(root: string): void {
  const now = Date.now();
  for (const name of readdirSync(root)) {
    if (!name.startsWith(TEMPORARY_PREFIX)) continue;
    const file = join(root, name);
    const modified = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now;
    if (now - modified > STALE_TEMPORARY_MS) rmSync(file, { force: true });
  }
}

/**
 * Files stored by content under `dir/ab/cdef…` (the first two hex digits fan out the folders).
 * Every write goes to a temporary file in the store, is flushed to disk, then renamed onto its name,
 * so a reader sees either no file or the whole file, never a partial one.
 */
export function createBlobStore(dir: string): BlobStore {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  removeStaleTemporaryFiles(root);

  function path(sha256: string): string {
    assertSha256(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2));
  }

  /** Hash and size of the stored file, after checking they match its name. */
  async function verify(sha256: string): Promise<StoredBlob> {
    const file = path(sha256);
    let actual: StoredBlob;
    try {
      actual = await hashFile(file);
    } catch (error) {
      throw isMissing(error) ? blobNotFound(sha256) : error;
    }
    if (actual.sha256 !== sha256) throw blobCorrupted(sha256, actual.sha256);
    return actual;
  }

  async function size(sha256: string): Promise<number | undefined> {
    try {
      return (await stat(path(sha256))).size;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async function isStoredIntact(sha256: string): Promise<boolean> {
    try {
      return (await hashFile(path(sha256))).sha256 === sha256;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Writes a temporary file through `write`, flushed; removed again if anything fails. */
  async function writeTemporary<T>(
    write: (handle: FileHandle) => Promise<T>,
  ): Promise<{ file: string; result: T }> {
    const file = join(root, `${TEMPORARY_PREFIX}${randomUUID()}`);
    const handle = await open(file, 'wx', PRIVATE_FILE_MODE);
    try {
      const result = await write(handle);
      await handle.sync();
      await handle.close();
      return { file, result };
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(file, { force: true });
      throw error;
    }
  }

  /** Moves a flushed temporary file onto the blob's name, unless an intact copy is already there. */
  async function commit(temporary: string, blob: StoredBlob): Promise<StoredBlob> {
    try {
      if (await isStoredIntact(blob.sha256)) return blob;
      const target = path(blob.sha256);
      await mkdir(dirname(target), { recursive: true, mode: PRIVATE_FOLDER_MODE });
      await rename(temporary, target);
      await syncFolder(dirname(target));
      return blob;
    } finally {
      await rm(temporary, { force: true });
    }
  }

  return {
    dir: root,
    path,

    async put(bytes) {
      const blob = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.byteLength,
      };
      if (await isStoredIntact(blob.sha256)) return blob;
      const { file } = await writeTemporary((handle) => handle.writeFile(bytes));
      return commit(file, blob);
    },

    async putStream(source, { maxBytes = Number.POSITIVE_INFINITY, expectedSha256 } = {}) {
      if (expectedSha256 !== undefined) assertSha256(expectedSha256);
      const { file, result: blob } = await writeTemporary(async (handle) => {
        const hash = createHash('sha256');
        let size = 0;
        for await (const chunk of source) {
          if (!(chunk instanceof Uint8Array))
            throw new TypeError(
              'putStream reads bytes, not text: open the stream without an encoding.',
            );
          size += chunk.byteLength;
          if (size > maxBytes) throw blobTooLarge(maxBytes);
          hash.update(chunk);
          await handle.write(chunk);
        }
        return { sha256: hash.digest('hex'), size };
      });
      if (expectedSha256 !== undefined && blob.sha256 !== expectedSha256) {
        await rm(file, { force: true });
        throw blobHashMismatch(expectedSha256, blob.sha256);
      }
      return commit(file, blob);
    },

    async adopt(file, expectedSha256, { writtenSha256 } = {}) {
      assertSha256(expectedSha256);
      const source = resolve(file);
      // A rename is atomic only within one file system: outside the store it could be a copy.
      if (!source.startsWith(root + sep) || source === path(expectedSha256))
        throw new RangeError(`adopt takes a file written inside ${root}, got ${source}`);
      const handle = await open(source, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const blob = writtenSha256
        ? { sha256: writtenSha256, size: (await stat(source)).size }
        : await hashFile(source);
      if (blob.sha256 !== expectedSha256) {
        await rm(source, { force: true });
        throw blobHashMismatch(expectedSha256, blob.sha256);
      }
      return commit(source, blob);
    },

    size,

    async has(sha256) {
      return (await size(sha256)) !== undefined;
    },

    async get(sha256) {
      let bytes: Buffer;
      try {
        bytes = await readFile(path(sha256));
      } catch (error) {
        throw isMissing(error) ? blobNotFound(sha256) : error;
      }
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) throw blobCorrupted(sha256, actual);
      return bytes;
    },

    async readStream(sha256, range) {
      const { size } = await verify(sha256);
      if (range === undefined) return createReadStream(path(sha256));
      const { start, end } = range;
      if (
        !Number.isSafeInteger(start) ||
        !Number.isSafeInteger(end) ||
        start < 0 ||
        start > end ||
        end >= size
      ) {
        throw blobRangeInvalid(sha256, size);
      }
      return createReadStream(path(sha256), { start, end });
    },

    async delete(sha256) {
      try {
        await unlink(path(sha256));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createBlobStore } from './blob-store';
import { useTempFiles } from './testing/temp-dir';

const temp = useTempFiles();
const posixOnly = it.skipIf(process.platform === 'win32');

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const passport = Buffer.from('%PDF-1.7 copie du passeport de la demandeuse\n'.repeat(50));

/** Every file under the store, relative to it: what a test expects to find on disk. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const code = (expected: string) => expect.objectContaining({ code: expected });

describe('blob store', () => {
  it('stores bytes under their sha256 in a two-digit fan-out folder and reads them back', async () => {
    const store = createBlobStore(join(temp.dir(), 'files'));
    const stored = await store.put(passport);
    expect(stored).toEqual({ sha256: sha256(passport), size: passport.length });
    expect(store.path(stored.sha256)).toBe(
      join(store.dir, stored.sha256.slice(0, 2), stored.sha256.slice(2)),
    );
    expect(filesUnder(store.dir)).toEqual([
      join(stored.sha256.slice(0, 2), stored.sha256.slice(2)),
    ]);
    expect(await store.get(stored.sha256)).toEqual(passport);
    expect(await store.has(stored.sha256)).toBe(true);
    expect(await store.size(stored.sha256)).toBe(passport.length);
  });

  it('stores the same bytes once', async () => {
    const store = createBlobStore(temp.dir());
    const first = await store.put(passport);
    const again = await store.put(new Uint8Array(passport));
    const streamed = await store.putStream(
      Readable.from([passport.subarray(0, 7), passport.subarray(7)]),
    );
    expect(again).toEqual(first);
    expect(streamed).toEqual(first);
    expect(filesUnder(store.dir)).toHaveLength(1);
  });

  it('stores an empty file like any other', async () => {
    const store = createBlobStore(temp.dir());
    const empty = await store.put(new Uint8Array());
    expect(empty).toEqual({ sha256: sha256(new Uint8Array()), size: 0 });
    expect(await store.get(empty.sha256)).toHaveLength(0);
  });

  posixOnly('keeps its folders and files for their owner only', async () => {
    const root = join(temp.dir(), 'data', 'files');
    const store = createBlobStore(root);
    const { sha256: id } = await store.put(passport);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, id.slice(0, 2))).mode & 0o777).toBe(0o700);
    expect(statSync(store.path(id)).mode & 0o777).toBe(0o600);
  });

  describe('damaged files', () => {
    async function damagedStore() {
      const store = createBlobStore(temp.dir());
      const { sha256: id } = await store.put(passport);
      const damaged = Buffer.from(passport);
      damaged[100] = damaged[100]! ^ 0x01;
      writeFileSync(store.path(id), damaged);
      return { store, id };
    }

    it('refuses to return a file that no longer matches its hash', async () => {
      const { store, id } = await damagedStore();
      await expect(store.get(id)).rejects.toThrow(code('blob_corrupted'));
      await expect(store.readStream(id)).rejects.toThrow(code('blob_corrupted'));
      await expect(store.readStream(id, { start: 0, end: 9 })).rejects.toThrow(
        code('blob_corrupted'),
      );
    });

    it('repairs it when the right bytes are stored again', async () => {
      const { store, id } = await damagedStore();
      await store.put(passport);
      expect(await store.get(id)).toEqual(passport);
    });
  });

  describe('reading ranges', () => {
    it('streams the whole file or an inclusive range of it', async () => {
      const store = createBlobStore(temp.dir());
      const { sha256: id } = await store.put(passport);
      expect(await buffer(await store.readStream(id))).toEqual(passport);
      expect(await buffer(await store.readStream(id, { start: 10, end: 19 }))).toEqual(
        passport.subarray(10, 20),
      );
      const last = passport.length - 1;
      expect(await buffer(await store.readStream(id, { start: last, end: last }))).toEqual(
        passport.subarray(last),
      );
    });

    it.each([
      { start: 5, end: 4 },
      { start: -1, end: 4 },
      { start: 0, end: passport.length },
      { start: 0.5, end: 4 },
    ])('refuses the range %o', async (range) => {
      const store = createBlobStore(temp.dir());
      const { sha256: id } = await store.put(passport);
      await expect(store.readStream(id, range)).rejects.toThrow(code('blob_range_invalid'));
    });
  });

  describe('streamed writes', () => {
    it('hashes while writing and accepts the hash the sender announced', async () => {
      const store = createBlobStore(temp.dir());
      const chunks = [passport.subarray(0, 1000), passport.subarray(1000)];
      const stored = await store.putStream(Readable.from(chunks), {
        expectedSha256: sha256(passport),
        maxBytes: passport.length,
      });
      expect(stored).toEqual({ sha256: sha256(passport), size: passport.length });
      expect(await store.get(stored.sha256)).toEqual(passport);
    });

    it('abandons a stream beyond the size cap and keeps nothing of it', async () => {
      const store = createBlobStore(temp.dir());
      await expect(
        store.putStream(Readable.from([passport]), { maxBytes: passport.length - 1 }),
      ).rejects.toThrow(code('blob_too_large'));
      expect(filesUnder(store.dir)).toEqual([]);
    });

    it('keeps nothing when the bytes do not match the announced hash', async () => {
      const store = createBlobStore(temp.dir());
      await expect(
        store.putStream(Readable.from([passport]), {
          expectedSha256: sha256(Buffer.from('autre')),
        }),
      ).rejects.toThrow(code('blob_hash_mismatch'));
      expect(filesUnder(store.dir)).toEqual([]);
    });

    it('keeps nothing when the source fails midway', async () => {
      const store = createBlobStore(temp.dir());
      async function* interrupted() {
        yield passport.subarray(0, 100);
        throw new Error('connexion perdue');
      }
      await expect(store.putStream(interrupted())).rejects.toThrow('connexion perdue');
      expect(filesUnder(store.dir)).toEqual([]);
    });
  });

  it('tells a missing file apart from a damaged one, and deletes', async () => {
    const store = createBlobStore(temp.dir());
    const absent = sha256(Buffer.from('jamais stocké'));
    expect(await store.has(absent)).toBe(false);
    expect(await store.size(absent)).toBeUndefined();
    await expect(store.get(absent)).rejects.toThrow(code('blob_not_found'));
    await expect(store.readStream(absent)).rejects.toThrow(code('blob_not_found'));

    const { sha256: id } = await store.put(passport);
    expect(await store.delete(id)).toBe(true);
    expect(await store.delete(id)).toBe(false);
    expect(await store.has(id)).toBe(false);
  });

  it.each([
    '../../../../etc/passwd',
    `../${'a'.repeat(61)}`,
    sha256(passport).toUpperCase(),
    sha256(passport).slice(1),
    `${sha256(passport)}/`,
    '',
  ])('refuses %j as a file id before touching the disk', async (id) => {
    const store = createBlobStore(temp.dir());
    expect(() => store.path(id)).toThrow(code('blob_id_invalid'));
    await expect(store.get(id)).rejects.toThrow(code('blob_id_invalid'));
    await expect(store.has(id)).rejects.toThrow(code('blob_id_invalid'));
    await expect(store.readStream(id)).rejects.toThrow(code('blob_id_invalid'));
    await expect(store.delete(id)).rejects.toThrow(code('blob_id_invalid'));
    await expect(
      store.putStream(Readable.from([passport]), { expectedSha256: id }),
    ).rejects.toThrow(code('blob_id_invalid'));
  });

  it('removes temporary files a crash left behind, not those of a write in progress', () => {
    const dir = temp.dir();
    const stale = join(dir, '.tmp-crashed');
    const fresh = join(dir, '.tmp-writing');
    writeFileSync(stale, 'partiel');
    writeFileSync(fresh, 'en cours');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    createBlobStore(dir);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe('blob store: adopting a finished download', () => {
  it('moves a file written inside the store onto its name once its hash matches', async () => {
    const store = createBlobStore(temp.dir());
    const part = join(store.dir, 'passeport.part');
    writeFileSync(part, passport);
    expect(await store.adopt(part, sha256(passport))).toEqual({
      sha256: sha256(passport),
      size: passport.length,
    });
    expect(existsSync(part)).toBe(false);
    expect(await store.get(sha256(passport))).toEqual(passport);
  });

  it('deletes the file and keeps nothing when its bytes do not match', async () => {
    const store = createBlobStore(temp.dir());
    const part = join(store.dir, 'passeport.part');
    const damaged = Buffer.from(passport);
    damaged[7] = damaged[7]! ^ 0x01;
    writeFileSync(part, damaged);
    await expect(store.adopt(part, sha256(passport))).rejects.toThrow(code('blob_hash_mismatch'));
    expect(filesUnder(store.dir)).toEqual([]);
  });

  it('trusts the digest of the bytes as written, and refuses a file whose digest differs', async () => {
    const store = createBlobStore(temp.dir());
    const part = join(store.dir, 'passeport.part');
    writeFileSync(part, passport);
    expect(await store.adopt(part, sha256(passport), { writtenSha256: sha256(passport) })).toEqual({
      sha256: sha256(passport),
      size: passport.length,
    });
    writeFileSync(part, passport);
    await expect(
      store.adopt(part, sha256(Buffer.from('autre')), { writtenSha256: sha256(passport) }),
    ).rejects.toThrow(code('blob_hash_mismatch'));
    expect(existsSync(part)).toBe(false);
  });

  it('keeps the intact copy already there and drops the duplicate', async () => {
    const store = createBlobStore(temp.dir());
    await store.put(passport);
    const part = join(store.dir, 'again.part');
    writeFileSync(part, passport);
    await store.adopt(part, sha256(passport));
    expect(filesUnder(store.dir)).toEqual([
      join(sha256(passport).slice(0, 2), sha256(passport).slice(2)),
    ]);
  });

  it('refuses a file outside the store, where a rename would not be atomic', async () => {
    const store = createBlobStore(join(temp.dir(), 'files'));
    const outside = join(store.dir, '..', 'ailleurs.part');
    writeFileSync(outside, passport);
    await expect(store.adopt(outside, sha256(passport))).rejects.toThrow(RangeError);
    expect(existsSync(outside)).toBe(true);
    await expect(store.adopt(store.path(sha256(passport)), sha256(passport))).rejects.toThrow(
      RangeError,
    );
  });
});

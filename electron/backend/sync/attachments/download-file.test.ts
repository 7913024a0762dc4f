import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../../../db/blob-store';
import { useTempFiles } from '../../../../db/testing/temp-dir';
import { createPortalAgent, submitDossiers, usePortalProcess } from '../../testing/portal-fixture';
import { downloadFile, partPath, type DownloadRequest } from './download-file';
import { startLoopbackProxy, type LoopbackProxy } from './testing/loopback-proxy';

const temp = useTempFiles();
const portal = usePortalProcess();

interface PortalFile {
  sha256: string;
  size: number;
  bytes: Buffer;
}

let token: string;
/** The service's files, largest first: a cut in the middle of the first one is a real resume. */
let portalFiles: PortalFile[];

beforeAll(async () => {
  const agent = await createPortalAgent(portal(), { name: 'Camille Lefebvre', login: 'camille' });
  await submitDossiers(portal(), 8, 'telechargement');
  ({ token } = await portal()
    .client()
    .trpc.backoffice.login.mutate({ login: agent.login, password: agent.password }));
  const { changes } = await portal().client(token).trpc.backoffice.changes.query({ limit: 500 });
  const announced = changes
    .filter((change) => change.type === 'application.submitted')
    .flatMap((change) => (change.data as { files: { sha256: string; size: number }[] }).files);
  const unique = [...new Map(announced.map((file) => [file.sha256, file])).values()];
  portalFiles = await Promise.all(
    unique.map(async ({ sha256, size }) => {
      const response = await fetch(`${portal().url}/files/${sha256}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { sha256, size, bytes: Buffer.from(await response.arrayBuffer()) };
    }),
  );
  portalFiles.sort((a, b) => b.size - a.size);
}, 120_000);

const proxies: LoopbackProxy[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) await proxy.close();
});

async function proxy() {
  const started = await startLoopbackProxy(portal().url);
  proxies.push(started);
  return started;
}

function setUp() {
  const blobs = createBlobStore(join(temp.dir(), 'files'));
  const partsDir = join(blobs.dir, '.downloads');
  const largest = portalFiles[0]!;
  const request = (overrides: Partial<DownloadRequest> = {}): DownloadRequest => ({
    portalUrl: portal().url,
    token,
    file: { sha256: largest.sha256, size: largest.size },
    blobs,
    partsDir,
    ...overrides,
  });
  return { blobs, partsDir, largest, request };
}

const code = (expected: string) => expect.objectContaining({ code: expected });

describe('downloading one attachment from the portal', () => {
  it('stores the real file under its hash, byte for byte, with no partial file left', async () => {
    expect(portalFiles.length).toBeGreaterThan(3);
    const { blobs, partsDir, largest, request } = setUp();
    const seen: number[] = [];
    const result = await downloadFile(request({ onProgress: (bytes) => seen.push(bytes) }));
    expect(result).toEqual({
      path: blobs.path(largest.sha256),
      resumedFrom: 0,
      received: largest.size,
    });
    expect(readFileSync(result.path).equals(largest.bytes)).toBe(true);
    expect(createHash('sha256').update(readFileSync(result.path)).digest('hex')).toBe(
      largest.sha256,
    );
    expect(seen.at(-1)).toBe(largest.size);
    expect(existsSync(partPath(partsDir, largest.sha256))).toBe(false);
  });

  it('resumes a cut download with Range and If-Range, and ends with the same bytes', async () => {
    const { blobs, partsDir, largest, request } = setUp();
    const link = await proxy();
    const cut = Math.floor(largest.size / 2);
    link.behaviour = { cutAfter: () => cut };
    await expect(downloadFile(request({ portalUrl: link.url }))).rejects.toThrow(
      code('interrupted'),
    );
    // What reached the client before the cut is on disk (the HTTP client may drop its last
    // unread bytes when the connection ends early: never more than were sent).
    const kept = statSync(partPath(partsDir, largest.sha256)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(cut);
    expect(await blobs.has(largest.sha256)).toBe(false);

    link.behaviour = {};
    const result = await downloadFile(request({ portalUrl: link.url }));
    expect(result).toMatchObject({ resumedFrom: kept, received: largest.size - kept });
    expect(link.requests.map(({ range, ifRange, status }) => ({ range, ifRange, status }))).toEqual(
      [
        { range: undefined, ifRange: undefined, status: 200 },
        { range: `bytes=${kept}-`, ifRange: `"${largest.sha256}"`, status: 206 },
      ],
    );
    expect(readFileSync(result.path).equals(largest.bytes)).toBe(true);
  });

  it('flushes the part file as it comes, fresh or resumed, and still ends with the same bytes', async () => {
    const { blobs, partsDir, largest, request } = setUp();
    const link = await proxy();
    link.behaviour = { cutAfter: () => Math.floor(largest.size / 3) };
    const flushed = request({ portalUrl: link.url, flushEveryBytes: 4096 });
    await expect(downloadFile(flushed)).rejects.toThrow(code('interrupted'));
    const kept = statSync(partPath(partsDir, largest.sha256)).size;
    expect(kept).toBeGreaterThan(0);

    link.behaviour = {};
    const result = await downloadFile(flushed);
    expect(result).toMatchObject({ resumedFrom: kept, received: largest.size - kept });
    expect(readFileSync(result.path).equals(largest.bytes)).toBe(true);
    expect(await blobs.has(largest.sha256)).toBe(true);
    expect(existsSync(partPath(partsDir, largest.sha256))).toBe(false);
  });

  it('starts over when the server answers a resumed request with the whole file', async () => {
    const { partsDir, largest, request } = setUp();
    mkdirSync(partsDir, { recursive: true });
    writeFileSync(partPath(partsDir, largest.sha256), largest.bytes.subarray(0, 1000));
    const link = await proxy();
    link.behaviour = { ignoreRange: true };
    const result = await downloadFile(request({ portalUrl: link.url }));
    expect(result).toMatchObject({ resumedFrom: 0, received: largest.size });
    expect(readFileSync(result.path).equals(largest.bytes)).toBe(true);
  });

  it('resumes the partial file a crash left, and adopts a complete one without asking', async () => {
    const { blobs, partsDir, largest, request } = setUp();
    mkdirSync(partsDir, { recursive: true });
    writeFileSync(partPath(partsDir, largest.sha256), largest.bytes.subarray(0, 12_345));
    const link = await proxy();
    await downloadFile(request({ portalUrl: link.url }));
    expect(link.requests[0]?.range).toBe('bytes=12345-');
    expect(readFileSync(blobs.path(largest.sha256)).equals(largest.bytes)).toBe(true);

    const other = portalFiles[1]!;
    writeFileSync(partPath(partsDir, other.sha256), other.bytes);
    const adopted = await downloadFile(request({ portalUrl: link.url, file: other }));
    expect(adopted).toMatchObject({ resumedFrom: other.size, received: 0 });
    expect(link.requests).toHaveLength(1);
  });

  it('keeps nothing of a file damaged on the way, and says so in French', async () => {
    const { blobs, partsDir, largest, request } = setUp();
    const link = await proxy();
    link.behaviour = { flipAt: () => 4321 };
    const failure = downloadFile(request({ portalUrl: link.url }));
    await expect(failure).rejects.toThrow(code('corrupted'));
    await expect(failure).rejects.toThrow(/ne correspond pas.*n'a pas été conservé/);
    expect(await blobs.has(largest.sha256)).toBe(false);
    expect(existsSync(partPath(partsDir, largest.sha256))).toBe(false);
  });

  it('refuses a part that has the right size but wrong bytes, then downloads it whole', async () => {
    const { blobs, partsDir, largest, request } = setUp();
    mkdirSync(partsDir, { recursive: true });
    writeFileSync(partPath(partsDir, largest.sha256), Buffer.alloc(largest.size));
    await downloadFile(request());
    expect(readFileSync(blobs.path(largest.sha256)).equals(largest.bytes)).toBe(true);
  });

  it('stops when told to, keeping the partial file for later', async () => {
    const { partsDir, largest, request } = setUp();
    const link = await proxy();
    link.behaviour = { chunkDelayMs: 30 };
    const controller = new AbortController();
    const download = downloadFile(
      request({
        portalUrl: link.url,
        signal: controller.signal,
        onProgress: (bytes) => bytes > 40_000 && controller.abort(),
      }),
    );
    await expect(download).rejects.toThrow(code('stopped'));
    expect(statSync(partPath(partsDir, largest.sha256)).size).toBeGreaterThan(40_000);
  });

  it('tells an expired session, a forbidden file and an unreachable portal apart', async () => {
    const { blobs, request } = setUp();
    await expect(downloadFile(request({ token: 'jeton-invalide' }))).rejects.toThrow(
      code('unauthorized'),
    );
    const unknown = { sha256: createHash('sha256').update('absent').digest('hex'), size: 10 };
    await expect(downloadFile(request({ file: unknown }))).rejects.toThrow(code('refused'));

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    await expect(downloadFile(request({ portalUrl: `http://127.0.0.1:${port}` }))).rejects.toThrow(
      code('offline'),
    );
    expect(await blobs.has(portalFiles[0]!.sha256)).toBe(false);
  });

  it('gives up a connection that goes silent', async () => {
    const { partsDir, largest, request } = setUp();
    const link = await proxy();
    link.behaviour = { chunkDelayMs: 1_000 };
    await expect(
      downloadFile(request({ portalUrl: link.url, stallTimeoutMs: 200 })),
    ).rejects.toThrow(code('interrupted'));
    expect(existsSync(partPath(partsDir, largest.sha256))).toBe(true);
  });
});

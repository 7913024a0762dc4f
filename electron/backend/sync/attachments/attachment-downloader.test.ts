import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../../db/testing/temp-dir';
import { createPortalAgent, submitDossiers, usePortalProcess } from '../../testing/portal-fixture';
import {
  createAttachmentDownloader,
  type AttachmentDownloaderOptions,
} from './attachment-downloader';
import { startLoopbackProxy, type LoopbackProxy } from './testing/loopback-proxy';
import {
  assign,
  mirrorSubmissions,
  openFileStation,
  type MirroredDossier,
  type FileStation,
} from './testing/file-station';

const temp = useTempFiles();
const portal = usePortalProcess();

let agent: { agentId: string; login: string; password: string };
let token: string;

beforeAll(async () => {
  agent = await createPortalAgent(portal(), { name: 'Camille Lefebvre', login: 'camille' });
  await submitDossiers(portal(), 12, 'pieces-hors-ligne');
  ({ token } = await portal()
    .client()
    .trpc.backoffice.login.mutate({ login: agent.login, password: agent.password }));
}, 120_000);

const proxies: LoopbackProxy[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  for (const proxy of proxies.splice(0)) await proxy.close();
});

async function proxy(behaviour: LoopbackProxy['behaviour'] = {}) {
  const started = await startLoopbackProxy(portal().url);
  started.behaviour = behaviour;
  proxies.push(started);
  return started;
}

const MB = 1024 * 1024;

/** A workstation in a fresh folder, mirrored from the portal; its clock moves only when told. */
async function setUp() {
  const dir = temp.dir();
  const station = reopen(dir);
  const dossiers = await mirrorSubmissions(portal(), token, station);
  expect(dossiers.length).toBeGreaterThanOrEqual(3);
  const clock = { now: new Date() };
  const downloader = (station: FileStation, options: Partial<AttachmentDownloaderOptions>) => {
    const created = createAttachmentDownloader({
      files: station.files,
      blobs: station.blobs,
      portalUrl: () => portal().url,
      token: () => token,
      agentId: () => agent.agentId,
      cacheLimitBytes: 500 * MB,
      now: () => clock.now,
      ...options,
    });
    stops.push(() => created.stop());
    return created;
  };
  return { dir, station, dossiers, clock, downloader };
}

/** The same folder opened again, as after a restart. */
function reopen(dir: string): FileStation {
  const station = openFileStation(dir);
  temp.closeLater(station.db);
  return station;
}

const shasOf = (...dossiers: MirroredDossier[]) => [
  ...new Set(dossiers.flatMap((dossier) => dossier.files.map((file) => file.sha256))),
];
const bytesOf = (dossiers: MirroredDossier[]) =>
  [...new Map(dossiers.flatMap((d) => d.files.map((f) => [f.sha256, f.size]))).values()].reduce(
    (sum, size) => sum + size,
    0,
  );

async function until(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('attachment downloader', () => {
  it('prefetches the files of the agent’s dossiers, verified, a bounded number at a time', async () => {
    const { station, dossiers, downloader } = await setUp();
    const [mine, alsoMine, ...others] = dossiers as [MirroredDossier, MirroredDossier];
    assign(station.db, mine.applicationNumber, agent.agentId);
    assign(station.db, alsoMine.applicationNumber, agent.agentId);
    const wanted = shasOf(mine, alsoMine);
    expect(wanted.length).toBeGreaterThan(3);
    const link = await proxy({ chunkDelayMs: 5 });
    const queue = downloader(station, { portalUrl: () => link.url, parallelism: 2 });
    expect(queue.progress()).toMatchObject({ queued: wanted.length, active: 0, failed: 0 });

    expect(await queue.runOnce()).toEqual({
      downloaded: wanted.length,
      failed: 0,
      corrupted: 0,
      evicted: 0,
      halted: null,
    });
    expect(link.maxConcurrent).toBe(2);
    for (const sha256 of wanted) {
      expect(station.files.get(sha256)?.state).toBe('ready');
      await expect(station.blobs.get(sha256)).resolves.toBeInstanceOf(Buffer);
    }
    for (const sha256 of shasOf(...others).filter((sha) => !wanted.includes(sha))) {
      expect(station.files.get(sha256)?.state).toBe('missing');
      expect(await station.blobs.has(sha256)).toBe(false);
    }
    expect(queue.progress()).toEqual({
      queued: 0,
      active: 0,
      bytesDone: 0,
      bytesTotal: 0,
      failed: 0,
      cacheBytes: bytesOf([mine, alsoMine]),
      cacheLimitBytes: 500 * MB,
    });

    const requests = link.requests.length;
    expect(await queue.runOnce()).toMatchObject({ downloaded: 0, failed: 0 });
    expect(link.requests).toHaveLength(requests);
  });

  it('starts the next transfer while the store adopts the last file, one file behind at most', async () => {
    const { station, dossiers, downloader } = await setUp();
    const [mine, alsoMine] = dossiers as [MirroredDossier, MirroredDossier];
    assign(station.db, mine.applicationNumber, agent.agentId);
    assign(station.db, alsoMine.applicationNumber, agent.agentId);
    const wanted = shasOf(mine, alsoMine);
    const link = await proxy();
    // The store adopts file i only once the request for file i + 1 reached the proxy (it would
    // wait forever if the worker waited for the adoption), then a little longer: a worker that
    // did not wait for it before its second next transfer would show a third request meanwhile.
    const aheadDuringAdoption: number[] = [];
    const blobs = {
      ...station.blobs,
      async adopt(...args: Parameters<typeof station.blobs.adopt>) {
        const index = aheadDuringAdoption.length;
        aheadDuringAdoption.push(-1);
        if (index < wanted.length - 1) await until(() => link.requests.length >= index + 2, 5_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
        aheadDuringAdoption[index] = link.requests.length - (index + 1);
        return station.blobs.adopt(...args);
      },
    };
    const queue = downloader(station, { blobs, portalUrl: () => link.url, parallelism: 1 });
    expect(await queue.runOnce()).toMatchObject({ downloaded: wanted.length, failed: 0 });
    expect(link.maxConcurrent).toBe(1);
    expect(aheadDuringAdoption).toEqual([...wanted.slice(1).map(() => 1), 0]);
    for (const sha256 of wanted) expect(station.files.get(sha256)?.state).toBe('ready');
  });

  it('counts a dossier taken while offline (pending assignment) in the prefetch set', async () => {
    const { station, dossiers, downloader } = await setUp();
    const taken = dossiers[2]!;
    station.db
      .prepare(
        `INSERT INTO outbox (id, agent_id, type, application_number, base_version, at, created_at)
         VALUES ('7d9f0c2e-1a3b-4c5d-8e6f-0a1b2c3d4e5f', ?, 'assign', ?, 1, ?, ?)`,
      )
      .run(
        agent.agentId,
        taken.applicationNumber,
        new Date().toISOString(),
        new Date().toISOString(),
      );
    expect(await downloader(station, {}).runOnce()).toMatchObject({
      downloaded: shasOf(taken).length,
    });
  });

  it('sets a damaged file aside with a French message, downloads the others, retries it later', async () => {
    const { station, dossiers, clock, downloader } = await setUp();
    const mine = dossiers[0]!;
    assign(station.db, mine.applicationNumber, agent.agentId);
    const [damaged, ...sound] = shasOf(mine) as [string, ...string[]];
    const link = await proxy({ flipAt: (sha256) => (sha256 === damaged ? 100 : undefined) });
    const queue = downloader(station, { portalUrl: () => link.url });

    expect(await queue.runOnce()).toMatchObject({
      downloaded: sound.length,
      failed: 1,
      corrupted: 1,
      halted: null,
    });
    expect(station.files.get(damaged)).toMatchObject({
      state: 'failed',
      attempts: 1,
      nextAttemptAt: new Date(clock.now.getTime() + 5_000).toISOString(),
      lastError: expect.stringMatching(
        /^Le fichier reçu ne correspond pas .* n'a pas été conservé/,
      ),
    });
    expect(await station.blobs.has(damaged)).toBe(false);
    expect(readdirSync(join(station.blobs.dir, '.downloads'))).toEqual([]);
    expect(queue.progress()).toMatchObject({ queued: 1, failed: 1 });

    link.behaviour = {};
    expect(await queue.runOnce()).toMatchObject({ downloaded: 0 });
    clock.now = new Date(clock.now.getTime() + 5_000);
    expect(await queue.runOnce()).toMatchObject({ downloaded: 1, failed: 0 });
    expect(station.files.get(damaged)).toMatchObject({
      state: 'ready',
      attempts: 0,
      lastError: null,
    });
  });

  it('holds no database lock while it downloads: the pull commits its pages meanwhile', async () => {
    const { dir, station, dossiers, downloader } = await setUp();
    assign(station.db, dossiers[0]!.applicationNumber, agent.agentId);
    const stuck = await proxy({ chunkDelayMs: 1_000 });
    const queue = downloader(station, { portalUrl: () => stuck.url });
    const round = queue.runOnce();
    await until(() => queue.progress().bytesDone > 0);

    const pull = reopen(dir);
    const startedAt = performance.now();
    pull.db.transaction(() => {
      pull.files.announce(dossiers[1]!.applicationNumber, [
        { sha256: 'f'.repeat(64), size: 1, mime: 'application/pdf' },
      ]);
      pull.db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run('42');
    })();
    // Far below the 5 s busy timeout a held write lock would make it wait for.
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(queue.progress().active).toBeGreaterThan(0);
    await queue.stop();
    expect(await round).toMatchObject({ halted: 'stopped', failed: 0 });
  });

  it('stops at a refused token without blaming the files, and resumes with a new one', async () => {
    const { station, dossiers, downloader } = await setUp();
    const mine = dossiers[0]!;
    assign(station.db, mine.applicationNumber, agent.agentId);
    const link = await proxy();
    let current = 'jeton-expire';
    const queue = downloader(station, {
      portalUrl: () => link.url,
      token: () => current,
      parallelism: 1,
    });

    expect(await queue.runOnce()).toMatchObject({
      downloaded: 0,
      failed: 0,
      halted: 'unauthorized',
    });
    expect(link.requests.map((request) => request.status)).toEqual([401]);
    for (const sha256 of shasOf(mine))
      expect(station.files.get(sha256)).toMatchObject({ state: 'missing', attempts: 0 });

    expect(await queue.runOnce()).toMatchObject({ halted: 'unauthorized' });
    expect(link.requests).toHaveLength(1);
    await expect(queue.ensure(shasOf(mine)[0]!)).rejects.toThrow(/reconnectez-vous/);

    current = token;
    expect(await queue.runOnce()).toMatchObject({ downloaded: shasOf(mine).length, halted: null });
  });

  it('evicts the least recently used files the agent does not need, never those of their dossiers', async () => {
    const { station, dossiers, clock, downloader } = await setUp();
    const [mine, ...others] = dossiers as [MirroredDossier, ...MirroredDossier[]];
    assign(station.db, mine.applicationNumber, agent.agentId);
    const viewer = downloader(station, {});
    await viewer.runOnce();
    // The agent looked at other dossiers' files, one after the other.
    const looked = shasOf(...others).filter((sha) => !shasOf(mine).includes(sha));
    for (const sha256 of looked) {
      clock.now = new Date(clock.now.getTime() + 1_000);
      await viewer.ensure(sha256);
    }
    const sizeOf = (sha256: string) => station.files.get(sha256)!.size;
    const recent = looked.slice(-2);
    const limit = bytesOf([mine]) + recent.reduce((sum, sha) => sum + sizeOf(sha), 0);

    const result = await downloader(station, { cacheLimitBytes: limit }).runOnce();
    expect(result.evicted).toBe(looked.length - 2);
    for (const sha256 of [...shasOf(mine), ...recent])
      expect(station.files.get(sha256)?.state).toBe('ready');
    for (const sha256 of looked.slice(0, -2)) {
      expect(station.files.get(sha256)?.state).toBe('missing');
      expect(await station.blobs.has(sha256)).toBe(false);
    }

    // Not even the agent's own files fit: they stay, and the figures show it.
    const tight = downloader(station, { cacheLimitBytes: 1000 });
    expect(await tight.runOnce()).toMatchObject({ evicted: 2 });
    expect(tight.progress()).toMatchObject({ cacheBytes: bytesOf([mine]), cacheLimitBytes: 1000 });
    for (const sha256 of shasOf(mine)) expect(await station.blobs.has(sha256)).toBe(true);
  });

  it('resumes after a restart the download that stop() interrupted, with a Range request', async () => {
    const { dir, station, dossiers, downloader } = await setUp();
    const mine = dossiers[0]!;
    assign(station.db, mine.applicationNumber, agent.agentId);
    const slow = await proxy({ chunkDelayMs: 40 });
    const before = downloader(station, { portalUrl: () => slow.url, parallelism: 1 });
    before.start();
    // Stopped while a file has at least one 16 KiB chunk on disk and at least two more to come
    // (80 ms at this pace): bytes counted across files could fall between two files.
    const parts = join(station.blobs.dir, '.downloads');
    const sizeOf = (sha256: string) => station.files.get(sha256)!.size;
    const midway = () =>
      (existsSync(parts) ? readdirSync(parts) : []).find((name) => {
        const onDisk = statSync(join(parts, name), { throwIfNoEntry: false })?.size ?? 0;
        return onDisk >= 16_384 && sizeOf(name.replace('.part', '')) - onDisk > 32_768;
      });
    await until(() => midway() !== undefined);
    expect(before.progress()).toMatchObject({ active: 1 });
    await before.stop();
    const [part] = readdirSync(parts);
    const interrupted = part!.replace('.part', '');
    const kept = statSync(join(parts, part!)).size;
    expect(kept).toBeGreaterThanOrEqual(16_384);
    expect(station.files.get(interrupted)).toMatchObject({ state: 'missing', attempts: 0 });
    station.db.close();

    const after = reopen(dir);
    const link = await proxy();
    expect(await downloader(after, { portalUrl: () => link.url }).runOnce()).toMatchObject({
      failed: 0,
      halted: null,
    });
    expect(link.requests).toContainEqual({
      sha256: interrupted,
      range: `bytes=${kept}-`,
      ifRange: `"${interrupted}"`,
      status: 206,
    });
    for (const sha256 of shasOf(mine)) await expect(after.blobs.get(sha256)).resolves.toBeTruthy();
    expect(existsSync(join(parts, part!))).toBe(false);
  });

  it('gives the viewer any file of the service at once, and explains what it cannot give', async () => {
    const { station, dossiers, clock, downloader } = await setUp();
    const sha256 = dossiers[1]!.files[0]!.sha256;
    const online = downloader(station, {});
    const path = await online.ensure(sha256);
    expect(path).toBe(station.blobs.path(sha256));
    expect(station.files.get(sha256)).toMatchObject({
      state: 'ready',
      lastUsedAt: clock.now.toISOString(),
    });

    const offline = downloader(station, { portalUrl: () => null });
    await expect(offline.ensure(sha256)).resolves.toBe(path);
    await expect(offline.ensure(dossiers[2]!.files[0]!.sha256)).rejects.toThrow(
      /Aucun portail n'est configuré/,
    );
    await expect(offline.ensure('0'.repeat(64))).rejects.toThrow(/n'est pas connu sur ce poste/);
  });

  it('prefetches in the background, and a kick makes it look at once', async () => {
    const { station, dossiers, downloader } = await setUp();
    const queue = downloader(station, { idleMs: 60_000 });
    queue.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = dossiers[0]!;
    assign(station.db, mine.applicationNumber, agent.agentId);
    queue.kick();
    await until(() => queue.progress().queued === 0);
    for (const sha256 of shasOf(mine)) expect(station.files.get(sha256)?.state).toBe('ready');
    await queue.stop();
  });
});

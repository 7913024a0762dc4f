import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { PublicAgent } from '../../electron/backend/auth/auth-service';
import { createPortalClient } from '../../electron/backend/portal-link/portal-client';
import {
  startPortalProcess,
  type PortalProcess,
} from '../../electron/backend/portal-link/portal-process';
import { copySeededPortal } from './portal-copy';
import { rawDownload, rawPull, rawPush } from './raw';
import { MANIFEST, type SeedManifest } from './seed';

export interface MeasureOptions {
  /** The built portal (its main.js). */
  portalScript: string;
  /** The seeded data folder (read only: each run works on a copy). */
  cacheDir: string;
  cacheUsed: boolean;
  log(line: string): void;
}

const AGENT = { name: 'Agent Banc Synchro', login: 'agent.banc', password: 'Banc-Synchro-2026' };
const PUSHED = 1000;
/** The downloader's default, and the raw baseline's. */
const PARALLELISM = 3;
const DOWNLOAD_PASSES = 3;
const MIN_DOWNLOAD_BYTES = 500_000_000;

const seconds = (since: number) => (performance.now() - since) / 1000;
const fixed = (value: number) => value.toFixed(2);
const megabytes = (bytes: number) => (bytes / 1e6).toFixed(0);

/** Everything the run started, undone in reverse order, on success, failure or interruption. */
function createCleanup() {
  const steps: (() => unknown)[] = [];
  let done = false;
  const runSync = () => {
    for (const step of steps.reverse()) {
      try {
        step();
      } catch {
        // Best effort: the next step may still succeed.
      }
    }
    steps.length = 0;
  };
  return {
    /** A step may be async: `run` awaits it, `runSync` (on a signal, just before exiting) does not. */
    add(step: () => unknown) {
      steps.push(step);
    },
    async run() {
      if (done) return;
      done = true;
      for (const step of steps.reverse()) {
        try {
          await step();
        } catch {
          // Best effort, as above.
        }
      }
      steps.length = 0;
    },
    runSync,
  };
}

async function syncOrFail(backend: Backend, what: string) {
  const run = await backend.sync.syncNow();
  if (!run.ok) throw new Error(`${what} : la synchronisation a échoué (${run.error}).`);
  return run;
}

function expectApplied(backend: Backend, ids: readonly string[], what: string) {
  const states = new Map<string, number>();
  for (const id of ids) {
    const state = backend.outbox.get(id)?.state ?? 'absente';
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  if (states.get('applied') !== ids.length)
    throw new Error(
      `${what} : toutes les actions n'ont pas été appliquées (${[...states].map(([state, count]) => `${state} ${count}`).join(', ')}).`,
    );
}

async function measurePull(backend: Backend, expected: number, log: MeasureOptions['log']) {
  const started = performance.now();
  const run = await syncOrFail(backend, 'Tirage');
  const elapsed = seconds(started);
  const local = backend.applications.count({ serviceCode: '59' });
  if (local !== expected)
    throw new Error(`Tirage : ${local} dossiers sur le poste, ${expected} attendus.`);
  log(
    `  poste : ${local} dossiers en ${fixed(elapsed)} s (${run.pull?.pages} pages, ${run.pull?.changes} modifications)`,
  );
  return elapsed;
}

async function measureDownloads(
  backend: Backend,
  agent: PublicAgent,
  portalUrl: string,
  token: string,
  bigNumbers: readonly string[],
  work: string,
  log: MeasureOptions['log'],
) {
  // The agent takes the dossiers with big files: their files become the prefetch set.
  const ids = bigNumbers.map((number) => backend.actions.enqueue(agent, 'assign', number).id);
  await syncOrFail(backend, 'Attribution');
  expectApplied(backend, ids, 'Attribution');
  const wanted = backend.files.wanted(agent.id, 10_000, new Date());
  const bytes = wanted.reduce((sum, file) => sum + file.size, 0);
  if (bytes < MIN_DOWNLOAD_BYTES)
    throw new Error(`Téléchargement : ${megabytes(bytes)} Mo seulement à télécharger.`);
  log(
    `  ${wanted.length} fichiers (${megabytes(bytes)} Mo) des ${bigNumbers.length} dossiers attribués, ${PARALLELISM} à la fois`,
  );

  const rawDir = join(work, 'raw-downloads');
  const raw = async () => {
    mkdirSync(rawDir, { recursive: true });
    const started = performance.now();
    await rawDownload(portalUrl, token, wanted, rawDir, PARALLELISM);
    const elapsed = seconds(started);
    rmSync(rawDir, { recursive: true, force: true });
    return elapsed;
  };
  const ours = async () => {
    // From the second time on, the files are made missing again (as an eviction does).
    for (const file of wanted)
      if (backend.files.get(file.sha256)?.state === 'ready') {
        backend.files.markMissing(file.sha256);
        await backend.blobs.delete(file.sha256);
      }
    const started = performance.now();
    while (backend.downloads.progress().queued > 0) {
      const round = await backend.downloads.runOnce();
      if (round.downloaded === 0) {
        const reasons = new Set(wanted.map((file) => backend.files.get(file.sha256)?.lastError));
        throw new Error(
          `Téléchargement : un tour n'a rien téléchargé (${round.failed} échecs, arrêt : ${round.halted ?? 'aucun'}) : ${[...reasons].filter(Boolean).join(' ; ')}`,
        );
      }
    }
    const elapsed = seconds(started);
    const notReady = wanted.filter((file) => backend.files.get(file.sha256)?.state !== 'ready');
    if (notReady.length > 0)
      throw new Error(`Téléchargement : ${notReady.length} fichiers ne sont pas sur le poste.`);
    return elapsed;
  };

  let bestRaw = Infinity;
  let bestOurs = Infinity;
  for (let pass = 1; pass <= DOWNLOAD_PASSES; pass += 1) {
    // The order alternates, so neither side always runs on the disk and caches the other left.
    const rawFirst = pass % 2 === 1;
    const first = await (rawFirst ? raw() : ours());
    const second = await (rawFirst ? ours() : raw());
    const [rawSeconds, oursSeconds] = rawFirst ? [first, second] : [second, first];
    log(
      `  passe ${pass} (${rawFirst ? 'brut puis poste' : 'poste puis brut'}) : GET bruts ${fixed(rawSeconds)} s (${megabytes(bytes / rawSeconds)} Mo/s), poste ${fixed(oursSeconds)} s (${megabytes(bytes / oursSeconds)} Mo/s)`,
    );
    bestRaw = Math.min(bestRaw, rawSeconds);
    bestOurs = Math.min(bestOurs, oursSeconds);
  }
  // Throughputs of the same bytes: their ratio is the ratio of the times, inverted.
  return { ratio: bestRaw / bestOurs, bestRaw, bestOurs, bytes };
}

async function measurePush(
  backend: Backend,
  agent: PublicAgent,
  portalUrl: string,
  token: string,
  candidates: readonly string[],
  log: MeasureOptions['log'],
) {
  // A reduced trial (BENCH_SYNC_DOSSIERS) has fewer dossiers than two sets of 1,000.
  const count = Math.min(PUSHED, Math.floor(candidates.length / 2));
  const ours = candidates.slice(0, count);
  const raw = candidates.slice(count, 2 * count);
  const text = (number: string) =>
    `Bonjour, votre dossier n° ${number} est bien en cours d’examen. Nous revenons vers vous rapidement.`;

  // Baseline first, on other dossiers, then a sync (not timed) brings its changes to the workstation,
  // so the measured sync pulls back only the echo of its own actions.
  const mutations = raw.map((number) => ({
    id: randomUUID(),
    type: 'sendMessage',
    applicationNumber: number,
    baseVersion: backend.applications.get(number)?.version ?? 1,
    at: new Date().toISOString(),
    payload: { text: text(number) },
  }));
  let started = performance.now();
  const applied = await rawPush(portalUrl, token, mutations);
  const rawSeconds = seconds(started);
  if (applied !== count)
    throw new Error(`Envoi brut : ${applied} actions appliquées sur ${count}.`);
  await syncOrFail(backend, 'Envoi brut (tirage)');

  started = performance.now();
  const ids = ours.map(
    (number) => backend.actions.enqueue(agent, 'sendMessage', number, { text: text(number) }).id,
  );
  const enqueueSeconds = seconds(started);

  // When the outbox empties, the push is over and the sync goes on with the pull of their echo.
  let pushSeconds = 0;
  started = performance.now();
  const watch = setInterval(() => {
    if (pushSeconds === 0 && backend.outbox.countPending() === 0) pushSeconds = seconds(started);
  }, 2);
  let run;
  try {
    run = await syncOrFail(backend, 'Envoi');
  } finally {
    clearInterval(watch);
  }
  const syncSeconds = seconds(started);
  if (pushSeconds === 0) pushSeconds = syncSeconds;
  expectApplied(backend, ids, 'Envoi');
  log(
    `  poste : ${count} actions sendMessage, synchronisation ${fixed(syncSeconds)} s (envoi ${fixed(pushSeconds)} s, puis tirage de ${run.pull?.changes} modifications) ; mise en file ${fixed(enqueueSeconds)} s`,
  );
  log(
    `  brut : ${count} mutations par backoffice.push (lots de 100) en ${fixed(rawSeconds)} s, soit poste/brut = ${fixed(pushSeconds / rawSeconds)} pour l'envoi seul`,
  );
  return { syncSeconds, pushSeconds, rawSeconds };
}

/** The three measures on a copy of the seeded portal, with a workstation on a fresh folder. */
export async function measure(options: MeasureOptions): Promise<void> {
  const { log } = options;
  const manifest = JSON.parse(
    readFileSync(join(options.cacheDir, MANIFEST), 'utf8'),
  ) as SeedManifest;
  const cleanup = createCleanup();
  let portal: PortalProcess | null = null;
  const interrupted = () => {
    // Synchronous: the process ends right after. The portal child must not outlive us.
    if (portal) process.kill(portal.pid, 'SIGKILL');
    cleanup.runSync();
    console.error('Banc de synchronisation interrompu.');
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);

  try {
    const work = mkdtempSync(join(tmpdir(), 'instructeur-bench-sync-'));
    cleanup.add(() => rmSync(work, { recursive: true, force: true }));
    const portalDir = join(work, 'portal');
    let started = performance.now();
    copySeededPortal(options.cacheDir, portalDir);
    log(
      `Portail : ${manifest.numbers.length} dossiers du service 59, ${options.cacheUsed ? 'cache réutilisé' : `créés en ${fixed(manifest.seedSeconds)} s`} ; copie de travail en ${fixed(seconds(started))} s`,
    );
    portal = await startPortalProcess({
      script: options.portalScript,
      dataDir: portalDir,
      dev: true,
    });
    const running = portal;
    cleanup.add(() => running.stop());
    log(`Portail démarré : ${portal.url} (processus ${portal.pid})`);

    const anonymous = createPortalClient({ url: portal.url });
    await anonymous.trpc.dev.createAgent.mutate({ ...AGENT, role: 'agent', serviceCode: '59' });
    // The baselines' own session of the same agent (the workstation keeps its token to itself).
    const { token } = await anonymous.trpc.backoffice.login.mutate({
      login: AGENT.login,
      password: AGENT.password,
    });

    log('Tirage (pull) des métadonnées :');
    started = performance.now();
    const rawChanges = await rawPull(portal.url, token);
    const rawPullSeconds = seconds(started);
    log(
      `  brut : ${rawChanges} modifications, pages de 500 par fetch, en ${fixed(rawPullSeconds)} s`,
    );

    const backend = await createBackend({
      dataDir: join(work, 'poste'),
      version: 'bench',
      portalUrl: portal.url,
      autoSync: false,
    });
    cleanup.add(() => backend.close());
    const { agent } = await backend.auth.login(AGENT.login, AGENT.password);
    const pullSeconds = await measurePull(backend, manifest.numbers.length, log);
    log(`  poste/brut = ${fixed(pullSeconds / rawPullSeconds)}`);

    log(
      'Téléchargement des pièces (ordre alterné à chaque passe ; meilleure passe de chacun retenue) :',
    );
    const download = await measureDownloads(
      backend,
      agent,
      portal.url,
      token,
      manifest.bigNumbers,
      work,
      log,
    );
    log(
      `  meilleures passes : brut ${megabytes(download.bytes / download.bestRaw)} Mo/s, poste ${megabytes(download.bytes / download.bestOurs)} Mo/s, rapport ${fixed(download.ratio)}`,
    );

    log('Envoi (push) de la file d’actions :');
    const big = new Set(manifest.bigNumbers);
    const push = await measurePush(
      backend,
      agent,
      portal.url,
      token,
      manifest.numbers.filter((number) => !big.has(number)),
      log,
    );

    const verdict = (ok: boolean) => (ok ? 'atteinte' : 'MANQUÉE');
    log(
      `Cibles : tirage ≤ 10 s ${verdict(pullSeconds <= 10)}, rapport de téléchargement ≥ 0,8 ${verdict(download.ratio >= 0.8)}, envoi ≤ 5 s ${verdict(push.syncSeconds <= 5)}`,
    );
    await cleanup.run();
    log(
      `RESULT pull_10k_s=${fixed(pullSeconds)} download_ratio=${fixed(download.ratio)} push_1000_s=${fixed(push.syncSeconds)}`,
    );
  } finally {
    await cleanup.run();
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
  }
}

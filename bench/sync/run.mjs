// `npm run bench:sync`: the workstation's sync against a real portal process on 127.0.0.1, each
// figure beside a raw baseline of the same run. Builds the portal and bench/sync/main.ts to plain
// JavaScript (out/bench-sync/), seeds the portal's data once into a cache (10,000 dossiers, about
// 560 MB of files; reused while the code that shapes it is unchanged), then runs the measures.
// The last line is `RESULT pull_10k_s=… download_ratio=… push_1000_s=…`.
// BENCH_SYNC_DOSSIERS=<n> seeds and pulls fewer dossiers, to try the bench quickly.
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNodeProgram } from '../../scripts/build-node-program.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outRoot = join(root, 'out/bench-sync');
const buildDir = join(outRoot, `build-${process.pid}`);
const dossiers = Number(process.env.BENCH_SYNC_DOSSIERS ?? 10_000);
const bigDossiers = 20;

if (!Number.isInteger(dossiers) || dossiers < bigDossiers * 10) {
  console.error(
    `BENCH_SYNC_DOSSIERS invalide : « ${process.env.BENCH_SYNC_DOSSIERS} » (au moins ${bigDossiers * 10}).`,
  );
  process.exit(2);
}

/** The sources that decide what a seeded folder holds: any change to them seeds again. */
function cacheKey() {
  const hash = createHash('sha256').update(`${dossiers}/${bigDossiers}\n`);
  const visit = (path) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) {
      hash.update(relative(root, path)).update(readFileSync(path));
    }
  };
  for (const path of [
    'bench/sync/seed.ts',
    'bench/sync/files.ts',
    'portal/testing/lille-dossier.ts',
    'db/portal',
    'portal/applications',
    'shared/dossier',
  ])
    visit(join(root, path));
  return hash.digest('hex').slice(0, 12);
}

let interrupted = false;

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', ...args], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    // Stopping this script stops the bench, which cleans up its folders and the portal itself.
    const forward = (signal) => {
      interrupted = true;
      child.kill(signal);
    };
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let code = 1;
try {
  console.info('Construction du portail et du banc…');
  execFileSync(
    process.execPath,
    ['scripts/portal.mjs', '--build-only', '--out-dir', join(buildDir, 'portal')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  await buildNodeProgram('bench/sync/main.ts', join(buildDir, 'bench'));
  const main = join(buildDir, 'bench', 'main.js');

  const key = cacheKey();
  const cache = join(outRoot, `cache-${key}`);
  let cacheUsed = existsSync(join(cache, 'bench-manifest.json'));
  if (cacheUsed) {
    console.info(`Données du portail : cache réutilisé (${relative(root, cache)}).`);
  } else {
    // Older caches were seeded by other code: they would only take disk space.
    for (const name of existsSync(outRoot) ? readdirSync(outRoot) : [])
      if (name.startsWith('cache-')) rmSync(join(outRoot, name), { recursive: true, force: true });
    const partial = `${cache}.partial`;
    console.info(
      `Données du portail : pas de cache, création de ${dossiers} dossiers dans ${relative(root, cache)}…`,
    );
    const seeded = await run([main, 'seed', partial, String(dossiers), String(bigDossiers)]);
    if (seeded !== 0) {
      rmSync(partial, { recursive: true, force: true });
      throw new Error(
        interrupted ? 'interrompu.' : `la création des dossiers a échoué (code ${seeded}).`,
      );
    }
    renameSync(partial, cache);
  }
  code = await run([main, 'measure'], {
    BENCH_PORTAL_SCRIPT: join(buildDir, 'portal', 'main.js'),
    BENCH_PORTAL_CACHE: cache,
    BENCH_CACHE_USED: cacheUsed ? '1' : '0',
  });
} catch (error) {
  console.error(
    `Banc de synchronisation : ${error instanceof Error ? error.message : String(error)}`,
  );
  code = 1;
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
process.exit(code);

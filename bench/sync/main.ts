import { mkdirSync, rmSync } from 'node:fs';
import { measure } from './measure';
import { seedPortal, writeManifest } from './seed';

// Built and run by run.mjs: `main.js seed <folder> <dossiers> <big dossiers>`, then `main.js measure`.
const [command, ...args] = process.argv.slice(2);
const log = (line: string) => console.info(line);

try {
  if (command === 'seed') {
    const [dir, dossiers, bigDossiers] = args;
    if (!dir) throw new Error('seed attend un dossier.');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const manifest = await seedPortal(dir, {
      dossiers: Number(dossiers),
      bigDossiers: Number(bigDossiers),
      log,
    });
    writeManifest(dir, manifest);
    log(
      `  ${manifest.numbers.length} dossiers déposés en ${manifest.seedSeconds.toFixed(1)} s, dont ${manifest.bigNumbers.length} avec ${manifest.bigFiles} grandes pièces (${(manifest.bigBytes / 1e6).toFixed(0)} Mo)`,
    );
  } else if (command === 'measure') {
    const portalScript = process.env.BENCH_PORTAL_SCRIPT;
    const cacheDir = process.env.BENCH_PORTAL_CACHE;
    if (!portalScript || !cacheDir)
      throw new Error('BENCH_PORTAL_SCRIPT et BENCH_PORTAL_CACHE sont fixés par run.mjs.');
    await measure({ portalScript, cacheDir, cacheUsed: process.env.BENCH_CACHE_USED === '1', log });
  } else {
    throw new Error(`commande inconnue : « ${command ?? ''} » (seed ou measure).`);
  }
} catch (error) {
  console.error(
    `Banc de synchronisation : ${error instanceof Error ? error.message : String(error)}`,
  );
  if (error instanceof Error && error.stack && process.env.BENCH_DEBUG) console.error(error.stack);
  process.exitCode = 1;
}

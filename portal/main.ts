import { defaultPortalDataDir } from './data-dir';
import { startPortal } from './start-portal';

// `npm run portal`: the applicant-facing API. Loopback only unless HOST says otherwise.
const port = Number(process.env.PORT ?? 5190);
const host = process.env.HOST || '127.0.0.1';
const dataDir = process.env.PORTAL_DATA_DIR || defaultPortalDataDir();
const dev = process.env.PORTAL_DEV === '1';
const sessionHours = Number(process.env.PORTAL_SESSION_HOURS ?? 8);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `PORT invalide : « ${process.env.PORT} » (un entier entre 0 et 65535 est attendu).`,
  );
  process.exit(2);
}
if (!(sessionHours > 0)) {
  console.error(`PORTAL_SESSION_HOURS invalide : « ${process.env.PORTAL_SESSION_HOURS} ».`);
  process.exit(2);
}

const running = await startPortal({
  dataDir,
  port,
  host,
  dev,
  sessionTtlMs: sessionHours * 60 * 60_000,
  ...(process.env.PORTAL_PUBLIC_URL ? { publicUrl: process.env.PORTAL_PUBLIC_URL } : {}),
}).catch((error: unknown) => {
  // A data folder that cannot be opened (not a database, newer schema…) is reported, never rewritten.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

// The first line is what a parent process (the desktop's embedded mode) reads to find the portal.
console.info(`Portail usager : ${running.url}`);
console.info(`Données : ${dataDir}`);
if (dev) console.info('Mode développement : les procédures dev.* sont disponibles.');

const shutDown = () => void running.close().then(() => process.exit(0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutDown);

// Started by a workstation (its embedded default): end with it, even when it was killed and could
// not say so; its end closes our stdin.
if (process.env.PORTAL_EXIT_WITH_PARENT === '1') {
  process.stdin.on('end', shutDown);
  process.stdin.on('close', shutDown);
  process.stdin.resume();
}

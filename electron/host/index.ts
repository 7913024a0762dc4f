import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { sessionIdleMsFromEnv, SESSION_IDLE_ENV } from '../backend/auth/session-idle';
import { createBackend } from '../backend/backend';
import { defaultDataDir } from './data-dir';
import { createHostServer } from './http-server';

// The headless host: `npm run serve`. Listens on loopback only unless HOST says otherwise,
// since what it serves is the most sensitive data a prefecture holds.
const port = Number(process.env.PORT ?? 5180);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.INSTRUCTEUR_DATA_DIR || defaultDataDir();
// No portal configured: the embedded default (its own portal, demo agents, demo dossiers).
const portalUrl = process.env.INSTRUCTEUR_PORTAL_URL || undefined;
const seedApplicants = Number(process.env.INSTRUCTEUR_DEMO_APPLICANTS ?? 0) || undefined;

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `PORT invalide : « ${process.env.PORT} » (un entier entre 0 et 65535 est attendu).`,
  );
  process.exit(2);
}
let sessionIdleMs: number | undefined;
try {
  sessionIdleMs = sessionIdleMsFromEnv(process.env[SESSION_IDLE_ENV]);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const backend = await createBackend({
  dataDir,
  version,
  portalUrl,
  ...(sessionIdleMs ? { sessionIdleMs } : {}),
  embedded: {
    portalScript: fileURLToPath(new URL('./portal.js', import.meta.url)),
    simulatorScript: fileURLToPath(new URL('./simulator.js', import.meta.url)),
    ...(seedApplicants ? { seedApplicants } : {}),
  },
  log: (line) => console.info(line),
}).catch((error: unknown) => {
  // A data folder that cannot be opened (not a database, newer schema…) is reported, never rewritten.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
const server = createHostServer(backend, fileURLToPath(new URL('../renderer', import.meta.url)));

server.once('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Le port ${port} est déjà utilisé : arrêtez l'autre programme ou choisissez-en un autre avec PORT.`
      : `Le serveur n'a pas pu démarrer : ${error.message}`,
  );
  void backend.close().then(() => process.exit(1));
});

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.info(`Instructeur (mode navigateur) : http://${host}:${actualPort}/`);
  console.info(`Données : ${dataDir}`);
  console.info(
    backend.demo
      ? `Portail intégré (démonstration) : ${backend.portalUrl} — les comptes de test sont indiqués sur la page de connexion.`
      : `Portail : ${backend.portalUrl}`,
  );
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void backend.close().then(() => process.exit(0));
  });
}

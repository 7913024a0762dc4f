import { existsSync } from 'node:fs';
import { run } from './run.mjs';

// apt's package lists are refreshed once per process, before the first install.
let listsUpdated = false;

/**
 * Makes sure a Debian package's binary is present: installs it with apt when we are root on
 * Debian (CI, fresh machines); returns whether the binary is there afterwards.
 */
export async function ensureDebianPackage(binary, pkg) {
  if (existsSync(binary)) return true;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  console.info(`Installation de ${pkg} (Debian)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!listsUpdated) {
    if ((await run('apt-get', ['update', '-qq'], { env })) !== 0) return false;
    listsUpdated = true;
  }
  await run('apt-get', ['install', '-y', '-qq', pkg], { env });
  return existsSync(binary);
}

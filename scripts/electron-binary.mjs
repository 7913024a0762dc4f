import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { run } from './run.mjs';

const require = createRequire(import.meta.url);

/** The Electron binary's path, or null when npm could not download it (as on offline build machines). */
function locate() {
  try {
    const path = require('electron'); // the package exports the binary's path, or throws
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Finds the binary, trying its download once when it is missing. */
export async function findElectron() {
  const found = locate();
  if (found) return found;
  const installer = require.resolve('electron/install.js');
  const code = await run(process.execPath, [installer], { stdio: 'ignore' });
  return code === 0 ? locate() : null;
}

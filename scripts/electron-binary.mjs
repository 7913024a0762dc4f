import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { run } from './run.mjs';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('electron/package.json'));

/**
 * The Electron binary's path, or null when it is not installed. Read from the package's own
 * files: requiring 'electron' would start a download with its own error output.
 */
function locate() {
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(path) ? path : null;
  }
  const path = relative && join(packageDir, 'dist', relative);
  return path && existsSync(path) ? path : null;
}

/** Finds the binary, trying its download once when it is missing (quietly: failure is expected offline). */
export async function findElectron() {
  const found = locate();
  if (found) return found;
  const code = await run(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore' });
  return code === 0 ? locate() : null;
}

// `npm run portal`: builds the applicant-facing API to plain JavaScript (out/portal/main.js, its
// dependencies left in node_modules) and runs it. Options:
//   --no-build          run what out/portal/ holds
//   --build-only        build and stop
//   --out-dir <folder>  build into another folder (inside the project, so node_modules is found)
// Environment: PORT (5190), HOST (127.0.0.1), PORTAL_DATA_DIR, PORTAL_DEV=1, PORTAL_SESSION_HOURS,
// PORTAL_PUBLIC_URL. See docs/api.md.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildNodeProgram, root } from './build-node-program.mjs';

const args = process.argv.slice(2);
const outDirIndex = args.indexOf('--out-dir');
const outDir = outDirIndex >= 0 ? args[outDirIndex + 1] : 'out/portal';
if (!outDir) {
  console.error('--out-dir attend un dossier.');
  process.exit(2);
}

if (!args.includes('--no-build')) {
  await buildNodeProgram('portal/main.ts', outDir, 'main.js');
}

if (!args.includes('--build-only')) {
  const portal = spawn(process.execPath, ['--enable-source-maps', join(root, outDir, 'main.js')], {
    stdio: 'inherit',
  });
  // Stopping this script stops the portal (which closes its database cleanly on these signals).
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => portal.kill(signal));
  portal.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// `npm run serve`: the headless host (backend + built renderer over HTTP). `--no-build` reuses out/.
import { bin, run } from './run.mjs';

if (!process.argv.includes('--no-build')) {
  const built = await run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
  if (built !== 0) process.exit(built);
}
process.exit(await run(process.execPath, ['out/main/host.js']));

// `npm run test:e2e`: builds the app, finds a browser, runs Playwright against the headless host.
import { findBrowser } from './find-browser.mjs';
import { bin, run } from './run.mjs';

const browser = await findBrowser();
if (!browser) {
  console.error(
    'Aucun navigateur pour les tests de bout en bout : installez Chromium (`sudo apt-get install chromium`) ou définissez E2E_BROWSER=/chemin/vers/chromium.',
  );
  process.exit(1);
}
const built = await run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
if (built !== 0) process.exit(built);

const env = { ...process.env, ...(browser.system ? { E2E_BROWSER: browser.path } : {}) };
process.exit(await run(bin('playwright'), ['test', ...process.argv.slice(2)], { env }));

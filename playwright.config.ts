import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// One fresh workstation per run: its own data folder, created once (workers inherit the variable).
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'instructeur-e2e-'));
const port = Number(process.env.E2E_PORT ?? 5199);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  globalTeardown: './e2e/teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // Debian's Chromium when scripts/e2e.mjs found it; Playwright's own browser otherwise.
      executablePath: process.env.E2E_BROWSER || undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node out/main/host.js',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    // The host also starts its embedded portal (about a second) before it answers.
    timeout: 60_000,
    env: {
      PORT: String(port),
      INSTRUCTEUR_DATA_DIR: process.env.E2E_DATA_DIR,
      // A fresh data folder: the embedded portal is seeded with 20 applicants, 13 of them in the
      // Nord (about 28 s). The specs change up to ten: decision, supervision (one signed, two
      // reassigned), supplement, three taken by sync, one taken offline, one closed by
      // unanswered-closure.
      INSTRUCTEUR_DEMO_APPLICANTS: '20',
    },
  },
});

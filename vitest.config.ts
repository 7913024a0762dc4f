import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{shared,db,electron,pdf,portal,scripts,simulator}/**/*.test.ts',
      '*.test.ts',
      // The viewer's pure modules only: the rest of renderer/ needs a browser.
      'renderer/src/viewer/{file-kind,tiff-decode}.test.ts',
    ],
    environment: 'node',
    globalSetup: ['vitest.global-setup.ts'],
    // trpc-electron ships ESM that imports 'electron'; inline it so tests can load it.
    server: { deps: { inline: ['trpc-electron'] } },
    testTimeout: 20_000,
  },
});

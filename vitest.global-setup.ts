import { execFileSync } from 'node:child_process';
import { build } from 'vite';

/**
 * The desktop's sync tests talk to a real portal process, as the app does, and the fault tests
 * drive workstations as processes they can kill: build both once (about two seconds) before any
 * test file runs.
 */
export default async function setup(): Promise<void> {
  execFileSync(process.execPath, ['scripts/portal.mjs', '--build-only'], { stdio: 'inherit' });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: 'electron/backend/testing/workstation-driver.ts',
      outDir: 'out/test-driver',
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      rollupOptions: { output: { format: 'es', entryFileNames: 'driver.js' } },
    },
  });
}

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';

/**
 * The desktop's sync tests talk to a real portal process, as the app does, and the fault tests
 * drive workstations as processes they can kill, and the embedded default seeds demo dossiers with
 * the simulator: build the three once (a few seconds) before any
 * test file runs, into a folder of this run only, so two runs at once never rebuild each other's
 * programs under their feet. The test files find them through the environment.
 */
export default async function setup(): Promise<() => void> {
  const outDir = resolve(`out/test-build/${process.pid}`);
  execFileSync(
    process.execPath,
    ['scripts/portal.mjs', '--build-only', '--out-dir', `${outDir}/portal`],
    { stdio: 'inherit' },
  );
  const program = (entry: string, folder: string, file: string) =>
    build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: entry,
        outDir: `${outDir}/${folder}`,
        emptyOutDir: true,
        target: 'node20',
        sourcemap: true,
        rollupOptions: { output: { format: 'es', entryFileNames: file } },
      },
    });
  await program('electron/backend/testing/workstation-driver.ts', 'driver', 'driver.js');
  await program('simulator/run.ts', 'simulator', 'simulator.js');
  process.env.TEST_PORTAL_SCRIPT = `${outDir}/portal/main.js`;
  process.env.TEST_DRIVER_SCRIPT = `${outDir}/driver/driver.js`;
  process.env.TEST_SIMULATOR_SCRIPT = `${outDir}/simulator/simulator.js`;
  return () => rmSync(outDir, { recursive: true, force: true });
}

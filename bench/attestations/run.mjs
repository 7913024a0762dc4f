// `npm run bench:attestations`: builds bench/attestations/main.ts to plain JavaScript
// (out/bench-attestations/) and runs it. BENCH_RENEWALS=<n> for a quicker try. Last line:
// `RESULT attestation_ms=… renew_1000_s=…`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'out/bench-attestations');
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: 'bench/attestations/main.ts',
    outDir,
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
  },
});
const child = spawn(process.execPath, [join(outDir, 'main.js')], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

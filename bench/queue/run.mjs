// `npm run bench:queue`: builds bench/queue/main.ts to plain JavaScript (out/bench-queue/) and runs
// it. BENCH_QUEUE_DOSSIERS=<n> for a quicker try. Last line:
// `RESULT queue_p95_ms=… queue_ratio=… search_p95_ms=…`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'out/bench-queue');
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: 'bench/queue/main.ts',
    outDir,
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { format: 'es', entryFileNames: 'main.js' } },
  },
});
const child = spawn(process.execPath, [join(outDir, 'main.js')], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

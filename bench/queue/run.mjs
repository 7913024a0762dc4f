// `npm run bench:queue`: builds bench/queue/main.ts to plain JavaScript (out/bench-queue/) and runs
// it. BENCH_QUEUE_DOSSIERS=<n> for a quicker try. Last line:
// `RESULT queue_p95_ms=… queue_ratio=… search_p95_ms=…`.
import { spawn } from 'node:child_process';
import { buildNodeProgram } from '../../scripts/build-node-program.mjs';

const main = await buildNodeProgram('bench/queue/main.ts', 'out/bench-queue');
const child = spawn(process.execPath, [main], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// `npm run bench:attestations`: builds bench/attestations/main.ts to plain JavaScript
// (out/bench-attestations/) and runs it. BENCH_RENEWALS=<n> for a quicker try. Last line:
// `RESULT attestation_ms=… renew_1000_s=…`.
import { spawn } from 'node:child_process';
import { buildNodeProgram } from '../../scripts/build-node-program.mjs';

const main = await buildNodeProgram('bench/attestations/main.ts', 'out/bench-attestations');
const child = spawn(process.execPath, [main], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

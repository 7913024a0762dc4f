// `npm run test:faults [-- <runs>]`: the sync fault suite (electron/backend/sync/faults.test.ts)
// with many randomized schedules (1,000 by default; `npm test` runs a few). FAULT_SEED=<n>
// FAULT_PATH=<path> replays the failing schedule a run names (`{ seed: …, path: "…" }`). It ends
// with the figures of the run: schedules, crashes, portal stops, faults triggered per kind,
// outcomes per state, rejections per reason.
import { bin, run } from './run.mjs';

const runs = process.argv[2] ?? process.env.FAULT_RUNS ?? '1000';
if (!/^\d+$/.test(runs) || Number(runs) < 1) {
  console.error(`Nombre de scénarios invalide : « ${runs} » (un entier positif est attendu).`);
  process.exit(2);
}
const code = await run(bin('vitest'), ['run', 'electron/backend/sync/faults.test.ts'], {
  env: { ...process.env, FAULT_RUNS: runs },
});
process.exit(code);

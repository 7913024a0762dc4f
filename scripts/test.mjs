// `npm test`: every check, in order — typecheck, lint, unit tests, end-to-end tests — then one line
// with the test counts. Stops at the first failing step.
import { readFileSync, rmSync } from 'node:fs';
import { ensureDebianPackage } from './debian-package.mjs';
import { bin, run } from './run.mjs';

const RESULTS = 'test-results';
rmSync(`${RESULTS}/vitest.json`, { force: true });
rmSync(`${RESULTS}/playwright.json`, { force: true });

const steps = [
  ['Vérification des types', bin('vue-tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['Pureté de shared/', bin('tsc'), ['--noEmit', '-p', 'tsconfig.shared.json']],
  ['Lint et frontières', bin('eslint'), ['.', '--max-warnings', '0']],
  ['Mise en forme', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  [
    'Tests unitaires',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/vitest.json`],
  ],
  ['Tests de bout en bout', process.execPath, ['scripts/e2e.mjs']],
];

// Generated PDFs are checked with poppler's pdftotext, as a person would read them.
if (!(await ensureDebianPackage('/usr/bin/pdftotext', 'poppler-utils'))) {
  console.error(
    'pdftotext est introuvable : installez poppler-utils (`sudo apt-get install poppler-utils`).',
  );
  process.exit(1);
}

for (const [title, command, args] of steps) {
  console.info(`\n▶ ${title}`);
  const started = Date.now();
  const code = await run(command, args);
  console.info(
    `  ${code === 0 ? '✓' : '✗'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (code !== 0) {
    printCounts();
    process.exit(code);
  }
}
printCounts();

function printCounts() {
  const read = (file) => {
    try {
      return JSON.parse(readFileSync(`${RESULTS}/${file}`, 'utf8'));
    } catch {
      return null;
    }
  };
  const unit = read('vitest.json');
  const e2e = read('playwright.json');
  const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
  const failed =
    (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
  console.info(`\ntests: ${passed} passed, ${failed} failed`);
}

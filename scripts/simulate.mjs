// `npm run simulate -- --portal URL --applicants N [--answer-supplements] [--seed S]`: builds the
// applicant simulator (simulator/cli.ts) to plain JavaScript in out/simulator/, its dependencies
// left in node_modules, and runs it. Needs only `npm ci`. See simulator/README.md.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildNodeProgram, root } from './build-node-program.mjs';

const outDir = join(root, 'out/simulator');

try {
  await buildNodeProgram('simulator/cli.ts', outDir, 'cli.js');
} catch (error) {
  console.error(
    `La construction du simulateur a échoué : ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}

const { main } = await import(pathToFileURL(join(outDir, 'cli.js')).href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`Échec de la simulation : ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}

// `npm run specimens -- <folder>`: builds pdf/specimens-cli.ts to plain JavaScript in
// out/specimens/ (its dependencies left in node_modules; the fonts found in resources/fonts/) and
// writes the guide's example as the three PDFs the administration issues. See pdf/README.md.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildNodeProgram, root } from './build-node-program.mjs';

const outDir = join(root, 'out/specimens');

try {
  await buildNodeProgram('pdf/specimens-cli.ts', outDir, 'specimens.js');
} catch (error) {
  console.error(
    `La construction des spécimens a échoué : ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}

const { main } = await import(pathToFileURL(join(outDir, 'specimens.js')).href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(
    `Échec de l'écriture des spécimens : ${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 1;
}

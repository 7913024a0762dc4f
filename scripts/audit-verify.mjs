// `npm run audit:verify -- <database file>`: builds electron/backend/audit/verify-cli.ts to plain
// JavaScript in out/audit-verify/ (its dependencies left in node_modules), then verifies the hash
// chain of the workstation's audit journal, read-only. Exit code 0: intact; 1: altered; 2: unreadable.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildNodeProgram, root } from './build-node-program.mjs';

const outDir = join(root, 'out/audit-verify');

try {
  await buildNodeProgram('electron/backend/audit/verify-cli.ts', outDir, 'audit-verify.js');
} catch (error) {
  console.error(
    `La construction du vérificateur a échoué : ${error instanceof Error ? error.message : error}`,
  );
  process.exit(2);
}

const { main } = await import(pathToFileURL(join(outDir, 'audit-verify.js')).href);
try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(
    `La vérification du journal a échoué : ${error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 2;
}

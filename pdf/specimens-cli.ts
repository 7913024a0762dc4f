import { resolve } from 'node:path';
import { writeSpecimens } from './specimens';

const USAGE = `Usage : npm run specimens -- <dossier>

  Écrit dans <dossier> (créé au besoin) les trois PDF de l'exemple du guide (TEST Test) :
  confirmation-depot.pdf, attestation-prolongation.pdf, attestation-decision-favorable.pdf.`;

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

/** `npm run specimens -- <folder>`: writes the specimens and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const [folder, ...rest] = args;
  if (folder === '--help' || folder === '-h') {
    console.info(USAGE);
    return 0;
  }
  if (!folder) return usageError('Indiquez le dossier où écrire les spécimens.');
  if (folder.startsWith('-')) return usageError(`Option inconnue : ${folder}`);
  if (rest.length > 0) return usageError(`Un seul dossier est attendu, et non : ${args.join(' ')}`);
  for (const path of await writeSpecimens(resolve(folder))) console.info(path);
  return 0;
}

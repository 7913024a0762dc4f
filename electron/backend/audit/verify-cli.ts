import { resolve } from 'node:path';
import { formatParisDate } from '../../../shared/dates/format';
import { describeChainProblem, type ChainVerdict } from '../../../db/desktop/audit-chain';
import { verifyJournalFile } from '../../../db/desktop/audit-verify';
import { parisTimeWithSeconds } from './audit-export';

const USAGE = `Usage : npm run audit:verify -- <fichier de base de données>

  Vérifie, en lecture seule, le journal d'audit d'un poste (par exemple
  <données>/instructeur.sqlite) : chaque entrée doit avoir l'empreinte de son contenu et
  suivre la précédente. Code de sortie : 0 si le journal est intègre, 1 s'il a été altéré,
  2 si le fichier ne peut pas être lu.`;

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

/** « 17/09/2023 10:00:00 », Paris time; a date the file mangled is shown as it is. */
function when(at: string): string {
  const instant = new Date(at);
  return Number.isNaN(instant.getTime())
    ? `« ${at} »`
    : `${formatParisDate(instant)} ${parisTimeWithSeconds(instant)}`;
}

/** What `npm run audit:verify` prints, and its exit code. */
export function report(verdict: ChainVerdict): { code: number; lines: string[] } {
  if (!verdict.ok) {
    const where = verdict.entry
      ? `entrée n° ${verdict.entry.id} du ${when(verdict.entry.at)} (${verdict.entry.action})`
      : 'aucune entrée ne reste';
    return {
      code: 1,
      lines: [`Journal d'audit altéré : ${where} : ${describeChainProblem(verdict.problem)}.`],
    };
  }
  const { count, first, last, purge } = verdict;
  if (!first || !last) return { code: 0, lines: ["Journal d'audit intègre : aucune entrée."] };
  const lines = [
    count === 1
      ? `Journal d'audit intègre : 1 entrée, le ${when(first.at)} (heure de Paris).`
      : `Journal d'audit intègre : ${count} entrées, du ${when(first.at)} au ${when(last.at)} (heure de Paris).`,
    `Dernière entrée : n° ${last.id}, empreinte ${last.hash}`,
  ];
  if (purge)
    lines.push(
      `Dernière purge (durée de conservation) : entrée n° ${purge.entry.id} du ${when(purge.entry.at)}, ` +
        `${purge.details.count} entrée(s) antérieure(s) au ${when(purge.details.before)} retirée(s) ; ` +
        `la chaîne reprend après l'entrée n° ${purge.details.lastRemovedId}.`,
    );
  return { code: 0, lines };
}

/** `npm run audit:verify -- <file>`: verifies the journal and returns the exit code. */
export function main(args: readonly string[]): number {
  const [file, ...rest] = args;
  if (file === '--help' || file === '-h') {
    console.info(USAGE);
    return 0;
  }
  if (!file) return usageError('Indiquez le fichier de base de données du poste à vérifier.');
  if (file.startsWith('-')) return usageError(`Option inconnue : ${file}`);
  if (rest.length > 0) return usageError(`Un seul fichier est attendu, et non : ${args.join(' ')}`);
  let verdict: ChainVerdict;
  try {
    verdict = verifyJournalFile(resolve(file));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const { code, lines } = report(verdict);
  for (const line of lines) (code === 0 ? console.info : console.error)(line);
  return code;
}

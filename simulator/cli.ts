import { randomInt } from 'node:crypto';
import { TRPCClientError } from '@trpc/client';
import { ONE_CONNECTION_PER_REQUEST, portalClient } from './portal-client';
import { simulate, summaryLine } from './simulate';

const USAGE = `Usage : npm run simulate -- --portal <URL> --applicants <N> [--answer-supplements] [--seed <graine>] [--concurrency <N>]

  --portal URL            adresse du portail démarré avec PORTAL_DEV=1 (par exemple http://127.0.0.1:5190)
  --applicants N          nombre de demandeurs simulés (1 à 10 000)
  --answer-supplements    au lieu de déposer : se reconnecter comme les demandeurs d'une simulation
                          précédente (même graine) et répondre à leurs demandes de complément
  --seed GRAINE           rend la simulation reproductible (tirée au hasard et affichée sinon)
  --concurrency N         demandeurs traités en même temps (4 par défaut, 1 à 16)`;

type Options = {
  portal: string;
  applicants: number;
  seed: string;
  answerSupplements: boolean;
  concurrency: number;
};

/** The options, or a French message saying what is wrong with the command line. */
export function parseArguments(
  argv: readonly string[],
): { ok: true; options: Options } | { ok: false; message: string } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const [name, inline] = argument.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === '--answer-supplements' || name === '--help' || name === '-h') flags.add(name);
    else if (['--portal', '--applicants', '--seed', '--concurrency'].includes(name)) {
      const value = inline ?? argv[index + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        return { ok: false, message: `L'option ${name} attend une valeur.` };
      values.set(name, value);
      if (inline === undefined) index += 1;
    } else return { ok: false, message: `Option inconnue : ${argument}` };
  }
  if (flags.has('--help') || flags.has('-h')) return { ok: false, message: USAGE };
  const portal = values.get('--portal');
  if (!portal)
    return { ok: false, message: "Indiquez l'adresse du portail : --portal http://127.0.0.1:5190" };
  if (!/^https?:\/\/[^\s/]+/.test(portal))
    return { ok: false, message: `« ${portal} » n'est pas une adresse http(s) de portail.` };
  const applicants = Number(values.get('--applicants'));
  if (!Number.isInteger(applicants) || applicants < 1 || applicants > 10_000)
    return {
      ok: false,
      message: 'Indiquez le nombre de demandeurs : --applicants N (de 1 à 10 000).',
    };
  const concurrency = Number(values.get('--concurrency') ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
    return { ok: false, message: '--concurrency doit être un nombre entier de 1 à 16.' };
  const answerSupplements = flags.has('--answer-supplements');
  const seed = values.get('--seed') ?? String(randomInt(1, 1_000_000));
  if (answerSupplements && !values.has('--seed'))
    return {
      ok: false,
      message:
        'Indiquez la graine de la simulation qui a créé les demandeurs : --seed GRAINE (elle est affichée en fin de simulation).',
    };
  if (!/^[\w-]{1,40}$/.test(seed))
    return {
      ok: false,
      message:
        'La graine ne peut contenir que des lettres, des chiffres, « - » et « _ » (40 au plus).',
    };
  return {
    ok: true,
    options: {
      portal: portal.replace(/\/+$/, ''),
      applicants,
      seed,
      answerSupplements,
      concurrency,
    },
  };
}

async function portalIsUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, {
      headers: ONE_CONNECTION_PER_REQUEST,
      signal: AbortSignal.timeout(5000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** dev.* exists only on a portal started with PORTAL_DEV=1 (elsewhere it answers NOT_FOUND). */
async function portalIsInDevMode(url: string): Promise<boolean> {
  try {
    await portalClient(url).trpc.dev.mailbox.query({ email: 'simulateur@example.com' });
    return true;
  } catch (error) {
    return !(error instanceof TRPCClientError && error.data?.code === 'NOT_FOUND');
  }
}

/** `npm run simulate -- …`: returns the exit code (0 done, 1 some applicant failed or no portal, 2 bad usage). */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArguments(argv);
  if (!parsed.ok && parsed.message === USAGE) {
    console.info(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`${parsed.message}\n(npm run simulate -- --help pour l'aide)`);
    return 2;
  }
  const { options } = parsed;
  if (!(await portalIsUp(options.portal))) {
    console.error(
      `Le portail ne répond pas à l'adresse ${options.portal} : démarrez-le avec « PORTAL_DEV=1 npm run portal » ou vérifiez l'adresse.`,
    );
    return 1;
  }
  if (!options.answerSupplements && !(await portalIsInDevMode(options.portal))) {
    console.error(
      `Le portail ${options.portal} n'est pas en mode développement : les comptes de demandeurs simulés se créent par dev.createApplicant. Redémarrez-le avec PORTAL_DEV=1.`,
    );
    return 1;
  }
  const summary = await simulate({ ...options, log: (line) => console.info(line) });
  console.info(summaryLine(summary, options.seed));
  if (summary.failures.length === 0) return 0;
  console.error(
    `La simulation a échoué pour ${summary.failures.length} demandeur(s) sur ${summary.applicants} :`,
  );
  for (const failure of summary.failures)
    console.error(`  – n° ${failure.index + 1} (${failure.email}) : ${failure.message}`);
  return 1;
}

import { parisDateOf } from '../shared/dates/paris-time';
import type { IsoDate } from '../shared/dates/calendar-date';
import { validateDossier } from '../shared/dossier/validate';
import type { FileDocumentKey } from '../shared/procedures/documents';
import { createRng } from './random';
import {
  dossierOf,
  fileRefOf,
  planApplicant,
  renderPieces,
  type FileRef,
  type SimulatedApplicant,
} from './dossier/build';
import type { GeneratedFile } from './files/generate';
import { inPool } from './pool';
import { call, PortalError, portalClient, type PortalClient } from './portal-client';

export type SimulationOptions = {
  /** The portal's base URL (http://127.0.0.1:5190). */
  portal: string;
  applicants: number;
  seed: string;
  /** Log in as the applicants of an earlier run with this seed and answer their supplement requests. */
  answerSupplements: boolean;
  concurrency: number;
  /** One line per applicant; silent when omitted. */
  log?: (line: string) => void;
  now?: () => Date;
};

export type Failure = { index: number; email: string; message: string };

export type SimulationSummary = {
  applicants: number;
  submitted: number;
  files: number;
  bytes: number;
  answers: number;
  failures: Failure[];
  seconds: number;
};

type Outcome = { submitted: number; files: number; bytes: number; answers: number };

const NONE: Outcome = { submitted: 0, files: 0, bytes: 0, answers: 0 };

/** A step of one applicant's path, named in failure messages. */
async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await call(run);
  } catch (error) {
    const detail = error instanceof PortalError ? error.describe() : String(error);
    throw new Error(`${label} : ${detail}`);
  }
}

const number = (count: number) => new Intl.NumberFormat('fr-FR').format(count);
const megabytes = (bytes: number) =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(bytes / 1_000_000)} Mo`;

/** Sends the files and checks that the portal read them as they were made. */
async function uploadAll(
  client: PortalClient,
  files: readonly GeneratedFile[],
): Promise<FileRef[]> {
  const refs: FileRef[] = [];
  for (const file of files) {
    const local = fileRefOf(file);
    const stored = await step(`envoi du fichier « ${file.name} »`, () =>
      client.upload(file.bytes, file.name),
    );
    if (stored.sha256 !== local.sha256 || stored.mime !== local.mime || stored.size !== local.size)
      throw new Error(
        `le portail a enregistré « ${file.name} » autrement qu'il a été envoyé (${stored.mime}, ${stored.size} octets, au lieu de ${local.mime}, ${local.size} octets).`,
      );
    refs.push(local);
  }
  return refs;
}

/** The whole path of one new applicant: account, application, files, the four steps, submission. */
async function deposit(
  url: string,
  applicant: SimulatedApplicant,
  asOf: IsoDate,
): Promise<Outcome & { applicationNumber: string }> {
  const rendered: [FileDocumentKey, GeneratedFile[]][] = [];
  for (const document of applicant.documents)
    rendered.push([document.key, await renderPieces(applicant, document)]);
  const localRefs = Object.fromEntries(rendered.map(([key, files]) => [key, files.map(fileRefOf)]));
  // Checked before anything is sent: a refusal by the portal would then be the portal's doing.
  const checked = validateDossier(dossierOf(applicant, '1000000000', localRefs), { asOf });
  if (!checked.ok)
    throw new Error(
      `dossier simulé invalide (défaut du simulateur) : ${checked.errors.map((error) => `${error.field ?? ''} ${error.message}`).join(' ; ')}`,
    );

  const visitor = portalClient(url);
  const { email, password } = applicant.account;
  const created = await step(
    'création du demandeur (dev.createApplicant ; une graine déjà utilisée sur ce portail redonne les mêmes adresses)',
    () => visitor.trpc.dev.createApplicant.mutate({ civilStatus: applicant.civilStatus, email }),
  );
  await step('activation du compte', () =>
    visitor.trpc.applicant.activate.mutate({ token: created.activationToken, password }),
  );
  const { token } = await step('connexion', () =>
    visitor.trpc.applicant.login.mutate({ login: email, password }),
  );
  const client = portalClient(url, token);
  const { applicationId } = await step('création de la demande', () =>
    client.trpc.applicant.applications.create.mutate({ procedure: 'vpf-teh' }),
  );
  const refs: Partial<Record<FileDocumentKey, FileRef[]>> = {};
  let files = 0;
  let bytes = 0;
  for (const [key, list] of rendered) {
    refs[key] = await uploadAll(client, list);
    files += list.length;
    bytes += list.reduce((sum, file) => sum + file.bytes.length, 0);
  }
  const dossier = dossierOf(applicant, created.foreignerNumber, refs);
  const labels = {
    personal: 'étape « Informations personnelles »',
    motive: 'étape « Motif de séjour »',
    documents: 'étape « Justificatifs »',
    deposit: 'étape « Dépôt de la demande »',
  } as const;
  for (const key of ['personal', 'motive', 'documents', 'deposit'] as const)
    await step(labels[key], () =>
      client.trpc.applicant.applications.saveStep.mutate({
        applicationId,
        step: key,
        data: dossier[key],
      }),
    );
  const submitted = await step('dépôt de la demande', () =>
    client.trpc.applicant.applications.submit.mutate({ applicationId }),
  );
  return { submitted: 1, files, bytes, answers: 0, applicationNumber: submitted.applicationNumber };
}

type SupplementAnswer =
  | { documentKey: string; action: 'maintain'; reason: string }
  | { documentKey: string; action: 'update'; files: string[]; message?: string };

const MAINTAIN_REASONS = [
  "Ce document est l'original délivré par les autorités de mon pays ; je n'en possède pas d'autre version.",
  'Le document transmis est complet : toutes les pages ont été jointes, la dernière est volontairement blanche.',
  'Je ne peux pas obtenir de nouvelle copie avant plusieurs mois : le consulat ne délivre pas ce document à distance.',
  'Ce justificatif est bien à mon nom et à mon adresse actuelle, comme indiqué dans ma demande.',
];

const UPDATE_MESSAGES = [
  'Voici une copie plus lisible, numérisée de nouveau.',
  'Je joins le document complet, avec toutes ses pages.',
  'Vous trouverez le justificatif mis à jour, daté de moins de six mois.',
  '',
];

/** Logs in as an applicant of an earlier run and answers every unread supplement request. */
async function answer(url: string, seed: string, index: number, today: IsoDate): Promise<Outcome> {
  const { email, password } = planApplicant(seed, index, today).account;
  const visitor = portalClient(url);
  const { token } = await step(
    'connexion (demandeur créé par une simulation avec la même graine ?)',
    () => visitor.trpc.applicant.login.mutate({ login: email, password }),
  );
  const client = portalClient(url, token);
  const applications = await step('liste des demandes', () =>
    client.trpc.applicant.applications.list.query(),
  );
  const submittedAt = applications.find((application) => application.submittedAt)?.submittedAt;
  // The papers are those of the day of submission: same story, same dates.
  const applicant = planApplicant(
    seed,
    index,
    submittedAt ? parisDateOf(new Date(submittedAt)) : today,
  );
  const notifications = await step('liste des notifications', () =>
    client.trpc.applicant.notifications.list.query(),
  );
  // In the order they were sent: the n-th request of an applicant is answered alike at every run
  // of the seed (its random id would give other answers and files each time).
  const requests = notifications
    .filter((notification) => notification.kind === 'supplement_request')
    .sort((a, b) => a.date.localeCompare(b.date));
  const outcome = { ...NONE };
  for (const [rank, notification] of requests.entries()) {
    if (notification.readAt !== null) continue;
    const opened = await step(`ouverture de la notification « ${notification.title} »`, () =>
      client.trpc.applicant.notifications.open.mutate({ id: notification.id }),
    );
    const request = 'supplementRequest' in opened ? opened.supplementRequest : undefined;
    if (!request || request.answered) continue;
    const label = `answer:${rank + 1}`;
    const rng = createRng(`${seed}#${index}/${label}`);
    const answers: SupplementAnswer[] = [];
    for (const item of request.items) {
      const documentKey = String(item['documentKey'] ?? '');
      const planned = applicant.documents.find((document) => document.key === documentKey);
      if (!planned || rng.chance(0.35)) {
        answers.push({
          documentKey,
          action: 'maintain' as const,
          reason: rng.pick(MAINTAIN_REASONS),
        });
        continue;
      }
      const legible = {
        ...planned,
        pieces: planned.pieces.map((piece) =>
          rng.chance(0.5) ? { ...piece, format: 'pdf-scan' as const } : piece,
        ),
      };
      const files = await renderPieces(applicant, legible, label);
      const refs = await uploadAll(client, files);
      outcome.files += files.length;
      outcome.bytes += files.reduce((sum, file) => sum + file.bytes.length, 0);
      const message = rng.pick(UPDATE_MESSAGES);
      answers.push({
        documentKey,
        action: 'update' as const,
        files: refs.map((ref) => ref.sha256),
        ...(message ? { message } : {}),
      });
    }
    await step('réponse à la demande de complément', () =>
      client.trpc.applicant.supplements.answer.mutate({ notificationId: notification.id, answers }),
    );
    outcome.answers += 1;
  }
  return outcome;
}

/**
 * Simulates `applicants` applicants against a running portal (PORTAL_DEV=1): each one creates an
 * account and submits a complete dossier, or, with `answerSupplements`, logs in again (same seed)
 * and answers the supplement requests agents sent. Failures are collected, not thrown.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const today = parisDateOf((options.now ?? (() => new Date()))());
  const failures: Failure[] = [];
  const outcomes = await inPool(options.applicants, options.concurrency, async (index) => {
    const label = `Demandeur ${index + 1}/${options.applicants}`;
    try {
      if (options.answerSupplements) {
        const outcome = await answer(options.portal, options.seed, index, today);
        log(
          `${label} : ${outcome.answers === 0 ? 'aucune demande de complément à traiter' : `${number(outcome.answers)} réponse(s) envoyée(s)`}.`,
        );
        return outcome;
      }
      const applicant = planApplicant(options.seed, index, today);
      const outcome = await deposit(options.portal, applicant, today);
      log(
        `${label} : demande ${outcome.applicationNumber} déposée (${number(outcome.files)} fichiers, ${megabytes(outcome.bytes)}).`,
      );
      return outcome;
    } catch (error) {
      const email = planApplicant(options.seed, index, today).account.email;
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ index, email, message });
      log(`${label} (${email}) : échec — ${message}`);
      return NONE;
    }
  });
  const total = outcomes.reduce(
    (sum, outcome) => ({
      submitted: sum.submitted + outcome.submitted,
      files: sum.files + outcome.files,
      bytes: sum.bytes + outcome.bytes,
      answers: sum.answers + outcome.answers,
    }),
    NONE,
  );
  return {
    applicants: options.applicants,
    ...total,
    failures: failures.sort((a, b) => a.index - b.index),
    seconds: (performance.now() - started) / 1000,
  };
}

/** « 10 demandeurs, 10 demandes déposées, 74 fichiers envoyés (12,3 Mo), 0 réponse… en 8,4 s (graine 42). » */
export function summaryLine(summary: SimulationSummary, seed: string): string {
  const seconds = new Intl.NumberFormat('fr-FR', {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  }).format(summary.seconds);
  return `Simulation terminée : ${number(summary.applicants)} demandeur(s), ${number(summary.submitted)} demande(s) déposée(s), ${number(summary.files)} fichier(s) envoyé(s) (${megabytes(summary.bytes)}), ${number(summary.answers)} réponse(s) à des demandes de complément, en ${seconds} s (graine ${seed}).`;
}

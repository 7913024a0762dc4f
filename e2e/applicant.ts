import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_APPLICANTS, DEMO_SEED } from '../electron/backend/demo/demo-dossiers';
import { addDays, addMonthsClamped, type IsoDate } from '../shared/dates/calendar-date';
import { parisDateOf } from '../shared/dates/paris-time';
import { differenceFrom, readPdf } from '../pdf/testing/read-pdf';
import { planApplicant, type SimulatedApplicant } from '../simulator/dossier/build';
import { passport } from '../simulator/files/documents/identity';
import { renderDocument } from '../simulator/files/generate';
import { createRng } from '../simulator/random';
import { trpc } from './support';

// The applicant's side of an end-to-end test, played for real: the applicant who filed a demo
// dossier logs in to the embedded portal and uses its public API (docs/api.md, « The portal's
// API ») as the applicant simulator does — plain JSON tRPC, files beside it — so what the agent
// sent is checked where the applicant receives it.

/** The demo agent of the Nord's session on the host (the workstation's own API). */
async function agentToken(request: APIRequestContext): Promise<string> {
  const { token } = await trpc<{ token: string }>(request, 'auth.login', {
    login: 'agent.nord',
    password: 'Demo-Agent-59',
  });
  return token;
}

/** The embedded portal's URL, as the host's `sync.status` gives it (http://127.0.0.1:<port>). */
export async function portalUrl(request: APIRequestContext): Promise<string> {
  // No input: support's trpc() always sends one.
  const response = await request.get('/trpc/sync.status', {
    headers: { Authorization: `Bearer ${await agentToken(request)}` },
  });
  expect(response.ok(), `sync.status : ${response.status()}`).toBe(true);
  const { portal } = ((await response.json()) as { result: { data: { portal: { url: string } } } })
    .result.data;
  return portal.url.replace(/\/+$/, '');
}

/** One tRPC call to the portal: a query by GET `?input=`, a mutation by POST with a JSON body. */
async function portalCall<T>(
  request: APIRequestContext,
  base: string,
  kind: 'query' | 'mutation',
  path: string,
  input?: unknown,
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const response =
    kind === 'mutation'
      ? await request.post(`${base}/trpc/${path}`, { data: input ?? {}, headers })
      : await request.get(
          `${base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        );
  // The portal's French message (and field issues) say more than a status code.
  expect(response.ok(), `portail ${path} : ${response.status()} ${await response.text()}`).toBe(
    true,
  );
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** « Mes demandes en cours », one row (`applicant.applications.list`). */
export type ApplicantApplication = {
  applicationId: string;
  applicationNumber: string | null;
  type: string;
  procedure: string;
  foreignerNumber: string;
  status: string;
  statusLabel: string;
  createdAt: string;
  submittedAt: string | null;
  confirmationSha256: string | null;
};

/** « Mes Notifications », one row (`applicant.notifications.list`). */
export type ApplicantNotification = {
  id: string;
  date: string;
  category: 'SEJOUR';
  kind:
    | 'supplement_request'
    | 'prolongation'
    | 'favorable_decision'
    | 'unfavorable_decision'
    | 'message';
  title: string;
  readAt: string | null;
  applicationNumber: string;
};

export type PortalFile = { sha256: string; name: string; size: number; mime: string };

/** What `applicant.notifications.open` answers: the row and its content. */
export type OpenedNotification = ApplicantNotification & {
  body: string;
  paragraphs: { text: string; href?: string }[];
  attachments: PortalFile[];
  supplementRequest?: {
    id: string;
    items: {
      documentKey: string;
      documentLabel: string;
      observation: string;
      documentVersion: number;
      files: PortalFile[];
    }[];
    deadline: IsoDate | null;
    answered: boolean;
    answeredAt: string | null;
  };
};

/** One answer per requested document (`applicant.supplements.answer`). */
export type SupplementAnswer =
  | { documentKey: string; action: 'maintain'; reason: string }
  | { documentKey: string; action: 'update'; files: string[]; message?: string };

export type ApplicantClient = {
  email: string;
  /** The simulator's plan of this applicant: their story, papers and account. */
  plan: SimulatedApplicant;
  applications(): Promise<ApplicantApplication[]>;
  notifications(): Promise<ApplicantNotification[]>;
  /** Opens a notification; the first opening sets `readAt` (the acknowledgment of receipt). */
  open(id: string): Promise<OpenedNotification>;
  /** POST /files: the portal reads the type from the bytes. */
  upload(
    bytes: Uint8Array,
    filename: string,
  ): Promise<{ sha256: string; size: number; mime: string }>;
  answer(
    notificationId: string,
    answers: SupplementAnswer[],
  ): Promise<{ answeredAt: string; documents: { documentKey: string; version: number }[] }>;
  /** GET /files/<sha256>: the bytes, which must hash to their name (the ETag says so). */
  download(sha256: string): Promise<Buffer>;
};

const todayInParis = (): IsoDate => parisDateOf(new Date());

/**
 * Logs in as the applicant who filed the demo dossier `applicationNumber`: the simulator's
 * applicant of the demo seed whose e-mail is the dossier's contact e-mail. Their e-mail and
 * password come from the seed and their index alone (not from the day), as when the simulator
 * logs in again to answer supplement requests.
 */
export async function applicantOf(
  request: APIRequestContext,
  applicationNumber: string,
): Promise<ApplicantClient> {
  const token = await agentToken(request);
  const view = await trpc<{
    applicant: { email: string } | null;
    dossier: { personal?: { contact?: { email?: string } } };
  }>(request, 'dossier.get', { applicationNumber }, token);
  const email = (
    view.applicant?.email ??
    view.dossier.personal?.contact?.email ??
    ''
  ).toLowerCase();
  expect(email, `e-mail du demandeur du dossier ${applicationNumber}`).not.toBe('');

  const today = todayInParis();
  let plan: SimulatedApplicant | undefined;
  for (let index = 0; index < DEMO_APPLICANTS && !plan; index += 1) {
    const candidate = planApplicant(DEMO_SEED, index, today);
    if (candidate.account.email.toLowerCase() === email) plan = candidate;
  }
  if (!plan)
    throw new Error(
      `Aucun demandeur de la graine « ${DEMO_SEED} » n'a l'adresse ${email} (dossier ${applicationNumber}).`,
    );

  const base = await portalUrl(request);
  const { token: session } = await portalCall<{ token: string }>(
    request,
    base,
    'mutation',
    'applicant.login',
    { login: plan.account.email, password: plan.account.password },
  );
  const authorization = { Authorization: `Bearer ${session}` };
  const query = <T>(path: string, input?: unknown) =>
    portalCall<T>(request, base, 'query', path, input, session);
  const mutation = <T>(path: string, input?: unknown) =>
    portalCall<T>(request, base, 'mutation', path, input, session);

  return {
    email: plan.account.email,
    plan,
    applications: () => query('applicant.applications.list'),
    notifications: () => query('applicant.notifications.list'),
    open: (id) => mutation('applicant.notifications.open', { id }),
    async upload(bytes, filename) {
      const response = await request.post(`${base}/files`, {
        data: Buffer.from(bytes),
        headers: {
          ...authorization,
          'Content-Type': 'application/octet-stream',
          // Headers are not UTF-8: the portal decodes the percent-encoded name.
          'X-Filename': encodeURIComponent(filename),
        },
      });
      expect(response.status(), `envoi de « ${filename} » : ${await response.text()}`).toBe(201);
      const { sha256, size, mime } = (await response.json()) as {
        sha256: string;
        size: number;
        mime: string;
      };
      return { sha256, size, mime };
    },
    answer: (notificationId, answers) =>
      mutation('applicant.supplements.answer', { notificationId, answers }),
    async download(sha256) {
      const response = await request.get(`${base}/files/${sha256}`, { headers: authorization });
      expect(response.status(), `téléchargement de ${sha256}`).toBe(200);
      expect(response.headers()['etag']).toBe(`"${sha256}"`);
      return response.body();
    },
  };
}

/** pdf.js refuses a Node Buffer (what a download gives): a plain copy of its bytes. */
const plain = (bytes: Uint8Array) => new Uint8Array(bytes);

/** The text of a PDF, line by line, as pdf.js reads it (a label and its value make one line). */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  return (await readPdf(plain(bytes))).lines.map((line) => line.text);
}

/**
 * Checks that the PDF reads exactly `expected`, line by line, as the golden tests of pdf/ do: an
 * expected text may have been wrapped over several lines.
 */
export async function expectPdfText(bytes: Uint8Array, expected: readonly string[]): Promise<void> {
  const { lines } = await readPdf(plain(bytes));
  const difference = differenceFrom(lines, expected);
  expect(
    difference,
    `texte du PDF :\n${lines.map((line) => line.text).join('\n')}\n\npremière différence`,
  ).toBeNull();
}

/**
 * Sets the embedded portal's clock (`dev.setClock`, PORTAL_DEV only): an ISO instant, or null for
 * the real time again. Answers the portal's time after the change.
 */
export async function setPortalClock(
  request: APIRequestContext,
  at: string | null,
): Promise<string> {
  const { now } = await portalCall<{ now: string }>(
    request,
    await portalUrl(request),
    'mutation',
    'dev.setClock',
    { at },
  );
  return now;
}

/**
 * A new passport of the applicant, issued on `issuedOn` (another number, the same person), as
 * they would scan it to PDF to answer a supplement request: drawn by the simulator's renderers,
 * a few hundred kilobytes at most.
 */
export async function scannedPassportPdf(
  holder: SimulatedApplicant = planApplicant(DEMO_SEED, 0, todayInParis()),
  issuedOn: IsoDate = todayInParis(),
): Promise<Buffer> {
  const rng = createRng(`${holder.seed}#${holder.index}/e2e-passport:${issuedOn}`);
  const { story } = holder;
  const facts = {
    number: `${story.passport.number.slice(0, 2)}${rng.int(1_000_000, 9_999_999)}`,
    issuedOn,
    expiresOn: addDays(addMonthsClamped(issuedOn, 120), -1),
  };
  const spec = passport(story.applicant, story.country, facts, story.entryDate, rng.fork('spec'));
  const [file] = await renderDocument(spec, 'pdf-scan', rng.fork('scan'), {
    date: issuedOn,
    baseName: 'nouveau-passeport',
  });
  if (!file) throw new Error('Le simulateur n’a produit aucun fichier pour le passeport.');
  return Buffer.from(file.bytes);
}

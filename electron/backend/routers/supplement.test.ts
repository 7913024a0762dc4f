import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates/calendar-date';
import { formatFrenchDate } from '../../../shared/dates/format';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { createHostServer } from '../../host/http-server';
import type { AppRouter } from '../router';
import {
  createPortalAgent,
  loginApplicant,
  submitDossiers,
  TEST_PASSWORD,
  usePortalProcess,
} from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// The supplement cycle through the headless host, over real HTTP, on dossiers the simulator filed
// into a real portal process: the draft from « À compléter » verdicts, the notification previewed
// as the applicant reads it, sent, amended and withdrawn while unread; the applicant (real
// account, real upload) opens and answers; the workstation shows where each document stands.

const SEED = 'complements';
const APPLICANTS = 14;
const portal = usePortalProcess();
let station: TestWorkstation;
let server: ReturnType<typeof createHostServer>;
let base: string;
let token: string;
let numbers: string[];

const api = () =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${base}/trpc`, headers: () => ({ Authorization: `Bearer ${token}` }) }),
    ],
  });

const take = () => {
  const number = numbers.shift();
  if (!number) throw new Error('not enough dossiers in service 59');
  return number;
};

async function refusal(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TRPCClientError);
  return outcome as TRPCClientError<AppRouter>;
}

async function syncOk() {
  const run = await station.backend.sync.syncNow();
  expect(run.error).toBeUndefined();
  expect(run.ok).toBe(true);
}

/** A dossier under review whose passport was judged « À compléter ». */
async function reviewedWithPassportToComplete(observation: string) {
  const applicationNumber = take();
  await api().dossier.setVerdict.mutate({
    applicationNumber,
    documentKey: 'nationality',
    verdict: 'incomplete',
    observation,
  });
  await api().instruction.startReview.mutate({ applicationNumber });
  await syncOk();
  return applicationNumber;
}

/** The applicant who filed this dossier, logged in to the portal with their own account. */
async function applicantOf(applicationNumber: string) {
  const email = (
    station.backend.applications.get(applicationNumber)!.data as {
      applicant: { email: string };
    }
  ).applicant.email;
  return loginApplicant(portal(), SEED, APPLICANTS, email);
}

/** A new one-page passport scan, as a PDF, uploaded with the applicant's token. */
async function uploadNewPassport(applicantToken: string): Promise<string> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('PASSEPORT — copie lisible (document fictif)', { x: 60, y: 760, size: 18, font });
  const response = await fetch(`${portal().url}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${applicantToken}`, 'x-filename': 'passeport-lisible.pdf' },
    body: Buffer.from(await pdf.save({ useObjectStreams: false })),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { sha256: string }).sha256;
}

beforeAll(async () => {
  await submitDossiers(portal(), APPLICANTS, SEED);
  await createPortalAgent(portal(), { name: 'Alice Martin', login: 'alice.martin' });
  station = await openWorkstation(portal().url);
  const renderer = join(station.dataDir, 'renderer');
  mkdirSync(renderer);
  server = createHostServer(station.backend, renderer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ token } = await station.backend.auth.login('alice.martin', TEST_PASSWORD));
  await syncOk();
  const page = await api().queue.page.query({ tab: 'all', limit: 100 });
  // Dossiers whose passport was filed, so the request lists its files.
  numbers = page.rows
    .map((row) => row.applicationNumber)
    .filter((number) =>
      station.backend.history
        .documentVersionsOf(number)
        .some((version) => version.documentKey === 'nationality'),
    );
  expect(numbers.length).toBeGreaterThanOrEqual(3);
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await station?.close();
});

describe('supplement request', () => {
  it('is drafted from the verdicts, previewed word for word, sent, amended unread, then read and answered', async () => {
    const observation = 'Veuillez fournir une copie lisible de votre passeport.';
    const applicationNumber = await reviewedWithPassportToComplete(observation);
    const state = await api().supplement.state.query({ applicationNumber });
    expect(state.status).toBe('in_review');
    expect(state.request).toEqual({ allowed: true, reason: null });
    expect(state.draft).toEqual([
      { documentKey: 'nationality', documentLabel: 'Justificatif de nationalité', observation },
    ]);
    expect(state.current).toBeNull();

    const items = state.draft.map(({ documentKey, observation }) => ({ documentKey, observation }));
    const preview = await api().supplement.preview.mutate({ applicationNumber, items });
    const passportFiles = station.backend.history
      .documentVersionsOf(applicationNumber)
      .filter((version) => version.documentKey === 'nationality')
      .at(-1)!
      .files.map((file) => file.name);
    expect(preview.title).toBe('Demande de complément');
    expect(preview.items).toEqual([
      {
        text: [
          'Justificatif de nationalité :',
          ...passportFiles,
          'Observations :',
          observation,
        ].join('\n'),
      },
    ]);

    await api().supplement.send.mutate({ applicationNumber, items });
    // Queued: shown as waiting, and a second request is refused before any sync.
    const queued = await api().supplement.state.query({ applicationNumber });
    expect(queued.unsent).toMatchObject({ type: 'requestSupplement' });
    expect(queued.request.allowed).toBe(false);
    await syncOk();

    const sent = await api().supplement.state.query({ applicationNumber });
    expect(sent.unsent).toBeNull();
    expect(sent.status).toBe('supplement_requested');
    expect(sent.current).toMatchObject({
      reading: "non lue, envoyée aujourd'hui",
      readAt: null,
      items: [{ documentKey: 'nationality', observation, answer: null }],
    });
    expect(sent.amend.allowed).toBe(true);

    // Amended before the applicant opened it: they will only see the new request.
    const bill = 'Veuillez fournir un justificatif de domicile datant de moins de 6 mois.';
    await api().supplement.amend.mutate({
      applicationNumber,
      items: [...items, { documentKey: 'residence', observation: bill }],
    });
    await syncOk();
    const amended = await api().supplement.state.query({ applicationNumber });
    expect(amended.current?.amended).toBe(true);
    expect(amended.current?.items.map((item) => item.documentKey)).toEqual([
      'nationality',
      'residence',
    ]);
    expect(amended.earlier[0]?.withdrawnAt).not.toBeNull();

    const applicant = await applicantOf(applicationNumber);
    const notifications = await applicant.client.trpc.applicant.notifications.list.query();
    const requests = notifications.filter((n) => n.title === 'Demande de complément');
    expect(requests).toHaveLength(1);
    const opened = await applicant.client.trpc.applicant.notifications.open.mutate({
      id: requests[0]!.id,
    });
    // What the agent previewed is what the applicant reads.
    const again = await api().supplement.preview.mutate({
      applicationNumber,
      items: [...items, { documentKey: 'residence', observation: bill }],
    });
    expect(opened.paragraphs).toEqual([...again.before, ...again.items, ...again.after]);

    await syncOk();
    const read = await api().supplement.state.query({ applicationNumber });
    const readOn = parisDateOf(new Date(read.current!.readAt!));
    expect(read.current?.reading).toBe(
      `lue le ${formatFrenchDate(readOn)} — réponse attendue avant le ${formatFrenchDate(addDays(readOn, 30))}`,
    );
    expect(read.amend.allowed).toBe(false);
    expect(read.amend.reason).toContain(formatFrenchDate(readOn));
    const late = await refusal(api().supplement.withdraw.mutate({ applicationNumber }));
    expect(late.data?.code).toBe('PRECONDITION_FAILED');

    // The applicant sends a new passport and keeps the bill, with a reason.
    const sha256 = await uploadNewPassport(applicant.token);
    await applicant.client.trpc.applicant.supplements.answer.mutate({
      notificationId: requests[0]!.id,
      answers: [
        {
          documentKey: 'nationality',
          action: 'update',
          files: [sha256],
          message: 'Voici une copie lisible.',
        },
        {
          documentKey: 'residence',
          action: 'maintain',
          reason: 'La facture date du mois dernier.',
        },
      ],
    });
    await syncOk();
    const answered = await api().supplement.state.query({ applicationNumber });
    expect(answered.status).toBe('supplement_answered');
    expect(answered.current?.reading).toMatch(/— réponse reçue le \d{2}\/\d{2}\/\d{4}$/);
    expect(answered.current?.items.map((item) => item.answer)).toEqual([
      {
        documentKey: 'nationality',
        action: 'update',
        documentVersion: 2,
        previousVersion: 1,
        message: 'Voici une copie lisible.',
      },
      {
        documentKey: 'residence',
        action: 'maintain',
        reason: 'La facture date du mois dernier.',
        previousVersion: null,
      },
    ]);
    const versions = station.backend.history
      .documentVersionsOf(applicationNumber)
      .filter((version) => version.documentKey === 'nationality');
    expect(versions.map((version) => version.version)).toEqual([1, 2]);
    expect(versions[1]?.files.map((file) => file.sha256)).toEqual([sha256]);
    // The agent judges again: the review resumes, a new request is possible.
    expect((await api().instruction.checks.query({ applicationNumber })).startReview.allowed).toBe(
      true,
    );
  });

  it('withdraws an unread request: the dossier is back under review', async () => {
    const applicationNumber = await reviewedWithPassportToComplete(
      'Veuillez fournir une copie complète de ce document (toutes les pages, recto et verso).',
    );
    const { draft } = await api().supplement.state.query({ applicationNumber });
    await api().supplement.send.mutate({
      applicationNumber,
      items: draft.map(({ documentKey, observation }) => ({ documentKey, observation })),
    });
    await syncOk();
    await api().supplement.withdraw.mutate({ applicationNumber });
    await syncOk();
    const state = await api().supplement.state.query({ applicationNumber });
    expect(state.status).toBe('in_review');
    expect(state.current?.withdrawnAt).not.toBeNull();
    expect(state.current?.reading).toMatch(/^retirée le \d{2}\/\d{2}\/\d{4}$/);
    expect(state.request.allowed).toBe(true);
    const applicant = await applicantOf(applicationNumber);
    const notifications = await applicant.client.trpc.applicant.notifications.list.query();
    expect(notifications.filter((n) => n.title === 'Demande de complément')).toHaveLength(0);
  });

  it('refuses a request that names no document, an unknown one, twice the same or no observation', async () => {
    const applicationNumber = take();
    const send = (items: { documentKey: string; observation: string }[]) =>
      refusal(api().supplement.send.mutate({ applicationNumber, items }));
    expect((await send([])).data?.issues?.[0]?.message).toBe(
      'Indiquez au moins un justificatif à compléter.',
    );
    expect((await send([{ documentKey: 'photo', observation: 'Une autre photo.' }])).message).toBe(
      "Le justificatif « Photographie d'identité récente » ne peut pas être demandé pour ce dossier.",
    );
    const twice = await send([
      { documentKey: 'nationality', observation: 'Lisible.' },
      { documentKey: 'nationality', observation: 'Complet.' },
    ]);
    expect(twice.message).toContain('est demandé deux fois');
    const blank = await send([{ documentKey: 'nationality', observation: '   ' }]);
    expect(blank.data?.code).toBe('BAD_REQUEST');
    expect(blank.message).toContain(
      "L'observation sur « Justificatif de nationalité » est obligatoire",
    );
    // Nothing was queued.
    expect(station.backend.outbox.ofApplication(applicationNumber)).toHaveLength(0);
  });
});

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServer } from '../../host/http-server';
import { prolongationValidity } from '../../../shared/dates/deadlines';
import { formatFrenchDate } from '../../../shared/dates/format';
import { parisDateOf } from '../../../shared/dates/paris-time';
import type { PublicAgent } from '../auth/auth-service';
import type { AppRouter } from '../router';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy';
import {
  createPortalAgent,
  submitDossiers,
  TEST_PASSWORD,
  usePortalProcess,
} from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// Prolongations, decisions and closures through the headless host, over real HTTP, on dossiers
// filed by the simulator into a real portal process; attestations rendered by pdf/, uploaded by
// the push and read back from the portal.

const portal = usePortalProcess();
let station: TestWorkstation;
let server: ReturnType<typeof createHostServer>;
let base: string;
let token: string;
let portalToken: string;
/** The service's dossiers, each test taking its own. */
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

/** The refusal a call ended with. */
async function refusal(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TRPCClientError);
  return outcome as TRPCClientError<AppRouter>;
}

/** The bytes of a file as the portal serves them to the agent. */
async function fromPortal(sha256: string): Promise<Buffer> {
  const response = await fetch(`${portal().url}/files/${sha256}`, {
    headers: { authorization: `Bearer ${portalToken}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function syncOk(workstation: TestWorkstation = station) {
  const run = await workstation.backend.sync.syncNow();
  expect(run.error).toBeUndefined();
  expect(run.ok).toBe(true);
  return run;
}

/** A batch renewal's progress polled as the screen does, until it is finished. */
async function finished(started: { jobId: string; finished: boolean }) {
  let progress = await api().instruction.renewalProgress.query({ jobId: started.jobId });
  while (!progress.finished) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    progress = await api().instruction.renewalProgress.query({ jobId: started.jobId });
  }
  return progress;
}

/** The review resumed (status « En cours d'instruction »), as the dossier screen does it. */
/** « Commencer l'instruction », as the agent does it, sent at once. */
async function startReview(applicationNumber: string) {
  expect((await api().instruction.checks.query({ applicationNumber })).startReview).toEqual({
    allowed: true,
    reason: null,
  });
  await api().instruction.startReview.mutate({ applicationNumber });
  // Already under review once queued: a second click is refused before any sync.
  expect((await api().instruction.checks.query({ applicationNumber })).startReview.allowed).toBe(
    false,
  );
  await syncOk();
}

beforeAll(async () => {
  await submitDossiers(portal(), 18, 'instruction');
  await createPortalAgent(portal(), { name: 'Alice Martin', login: 'alice.martin' });
  station = await openWorkstation(portal().url);
  const renderer = join(station.dataDir, 'renderer');
  mkdirSync(renderer);
  server = createHostServer(station.backend, renderer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ token } = await station.backend.auth.login('alice.martin', TEST_PASSWORD));
  portalToken = (
    await portal().client().trpc.backoffice.login.mutate({
      login: 'alice.martin',
      password: TEST_PASSWORD,
    })
  ).token;
  await syncOk();
  const page = await api().queue.page.query({ tab: 'all', limit: 100 });
  numbers = page.rows.map((row) => row.applicationNumber);
  expect(numbers.length).toBeGreaterThanOrEqual(9);
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await station?.close();
});

describe('prolongation', () => {
  it('previews, shows it in the viewer, issues it, and the portal holds the very same PDF', async () => {
    const applicationNumber = take();
    const today = parisDateOf(station.backend.sync.portalNow());
    const preview = await api().instruction.previewProlongation.mutate({ applicationNumber });
    expect(preview.facts).toEqual(prolongationValidity(today));
    expect(preview.fileName).toBe(`attestation-prolongation-${applicationNumber}-${today}.pdf`);

    // The embedded viewer opens it through the same short-lived links as the documents.
    const link = await api().dossier.fileLink.mutate({ sha256: preview.sha256 });
    const shown = await fetch(`${base}${link.url}`);
    expect(shown.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await shown.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(preview.sha256);

    const stale = await refusal(
      api().instruction.issueProlongation.mutate({ applicationNumber, sha256: 'a'.repeat(64) }),
    );
    expect(stale.data?.code).toBe('CONFLICT');
    expect(stale.message).toContain('prévisualisez-la à nouveau');

    const before = station.backend.applications.get(applicationNumber)!;
    // A double click: one action only.
    const [first, second] = await Promise.allSettled(
      [0, 1].map(() =>
        api().instruction.issueProlongation.mutate({ applicationNumber, sha256: preview.sha256 }),
      ),
    );
    expect([first!.status, second!.status].sort()).toEqual(['fulfilled', 'rejected']);
    const issued = (first!.status === 'fulfilled' ? first : second) as PromiseFulfilledResult<{
      id: string;
      state: string;
      sha256: string;
    }>;
    expect(issued.value).toMatchObject({ state: 'pending', sha256: preview.sha256 });
    await syncOk();

    expect(await fromPortal(preview.sha256)).toEqual(bytes);
    const after = station.backend.applications.get(applicationNumber)!;
    expect(after.version).toBe(before.version + 1);
    expect(station.backend.outbox.get(issued.value.id)?.state).toBe('applied');
    const expiring = await api().instruction.expiringProlongations.query({ withinDays: 120 });
    expect(expiring.find((row) => row.applicationNumber === applicationNumber)).toMatchObject({
      validTo: preview.facts.validTo,
      renewalPending: false,
    });
    const again = await refusal(
      api().instruction.issueProlongation.mutate({ applicationNumber, sha256: preview.sha256 }),
    );
    expect(again.message).toBe(
      `Une attestation de prolongation valable jusqu'au ${formatFrenchDate(preview.facts.validTo)} a déjà été délivrée pour ce dossier.`,
    );
    // Not within the default 15 days: three months are left.
    const soon = await api().instruction.expiringProlongations.query({});
    expect(soon.map((row) => row.applicationNumber)).not.toContain(applicationNumber);
  });

  it('renews several dossiers in a batch, one failure not stopping the others', async () => {
    const batch = [take(), take(), take()];
    const unknown = '5901209901010000001';
    const started = await api().instruction.renewProlongations.mutate({
      applicationNumbers: [batch[0]!, unknown, batch[1]!, batch[2]!],
    });
    expect(started.total).toBe(4);
    const progress = await finished(started);
    expect(progress).toMatchObject({ total: 4, done: 4 });
    expect(progress.failed).toEqual([
      {
        applicationNumber: unknown,
        reason: `Le dossier n° ${unknown} n'est pas sur ce poste ou ne relève pas de votre service.`,
      },
    ]);
    const pending = await api().instruction.expiringProlongations.query({ withinDays: 120 });
    expect(pending.filter((row) => batch.includes(row.applicationNumber))).toHaveLength(0);
    await syncOk();
    const renewed = await api().instruction.expiringProlongations.query({ withinDays: 120 });
    expect(
      renewed.filter((row) => batch.includes(row.applicationNumber)).map((row) => row.validTo),
    ).toEqual(batch.map(() => prolongationValidity(parisDateOf(new Date())).validTo));

    // The same batch again: nothing is issued twice.
    const twice = await api().instruction.renewProlongations.mutate({ applicationNumbers: batch });
    const repeat = await finished(twice);
    expect(repeat.failed.map((failure) => failure.applicationNumber).sort()).toEqual(
      [...batch].sort(),
    );
    expect(station.backend.outbox.pending(100)).toEqual([]);

    const missing = await refusal(
      api().instruction.renewalProgress.query({ jobId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missing.data?.code).toBe('NOT_FOUND');
  });
});

describe('decisions', () => {
  it('refuses a favourable decision until every required document is « Conforme », then issues the previewed attestation', async () => {
    const applicationNumber = take();
    await startReview(applicationNumber);
    const checks = await api().instruction.checks.query({ applicationNumber });
    expect(checks.status).toBe('in_review');
    expect(checks.decision.blocking).toContain(
      "La pièce « Justificatif de nationalité » n'est pas jugée conforme.",
    );
    expect(checks.implicitRejectionOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const preview = await api().instruction.previewFavorable.mutate({ applicationNumber });
    const refused = await refusal(
      api().instruction.decideFavorable.mutate({ applicationNumber, sha256: preview.sha256 }),
    );
    expect(refused.data?.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toContain(
      "La pièce « Justificatif de nationalité » n'est pas jugée conforme.",
    );

    const view = await api().dossier.get.query({ applicationNumber });
    for (const document of view.documents.filter((d) => d.required))
      await api().dossier.setVerdict.mutate({
        applicationNumber,
        documentKey: document.key,
        verdict: 'compliant',
      });
    expect((await api().instruction.checks.query({ applicationNumber })).decision.blocking).toEqual(
      [],
    );
    const decided = await api().instruction.decideFavorable.mutate({
      applicationNumber,
      sha256: preview.sha256,
    });
    expect(decided.sha256).toBe(preview.sha256);
    expect(decided.facts).toEqual(preview.facts);
    await syncOk();
    expect(station.backend.applications.get(applicationNumber)?.status).toBe('favorable');
    const previewed = await station.backend.blobs.get(preview.sha256);
    expect(await fromPortal(preview.sha256)).toEqual(previewed);

    // No prolongation once a decision is taken.
    const after = await api().instruction.previewProlongation.mutate({ applicationNumber });
    const late = await refusal(
      api().instruction.issueProlongation.mutate({ applicationNumber, sha256: after.sha256 }),
    );
    expect(late.data?.code).toBe('PRECONDITION_FAILED');
    expect(late.message).toBe('Une décision a déjà été prise sur ce dossier.');
  });

  it('requires a motivation for an unfavourable decision, and offers templates', async () => {
    const applicationNumber = take();
    await startReview(applicationNumber);
    const empty = await refusal(
      api().instruction.decideUnfavorable.mutate({ applicationNumber, motivation: '  court ' }),
    );
    expect(empty.data?.code).toBe('BAD_REQUEST');
    expect(empty.data?.issues?.[0]?.message).toBe(
      'La motivation est obligatoire (10 caractères au moins).',
    );
    const templates = await api().instruction.motivationTemplates.query();
    expect(templates.length).toBeGreaterThan(2);
    await api().instruction.decideUnfavorable.mutate({
      applicationNumber,
      motivation: templates[1]!.text,
    });
    // Decided, even before the portal knows it: no second decision.
    expect((await api().instruction.checks.query({ applicationNumber })).decision.blocking).toEqual(
      ['Une décision a déjà été prise sur ce dossier.'],
    );
    await syncOk();
    expect(station.backend.applications.get(applicationNumber)?.status).toBe('unfavorable');
  });
});

describe('closures', () => {
  it('closes a withdrawn dossier, and refuses « incomplet » without a supplement request', async () => {
    const applicationNumber = take();
    const checks = await api().instruction.checks.query({ applicationNumber });
    expect(checks.closeIncomplete).toMatchObject({ allowed: false });
    expect(checks.closeIncomplete.consequence).toContain('Cette clôture est définitive.');
    const incomplete = await refusal(
      api().instruction.closeIncomplete.mutate({ applicationNumber }),
    );
    expect(incomplete.data?.code).toBe('PRECONDITION_FAILED');
    expect(incomplete.message).toBe(checks.closeIncomplete.reason);

    await api().instruction.closeWithdrawn.mutate({ applicationNumber });
    await syncOk();
    expect(station.backend.applications.get(applicationNumber)?.status).toBe('closed_withdrawn');
  });
});

describe('attestation uploads', () => {
  let proxy: FaultProxy;
  let remote: TestWorkstation;
  let remoteAgent: PublicAgent;

  beforeAll(async () => {
    proxy = await startFaultProxy(() => portal().url);
    remote = await openWorkstation(proxy.url);
    remoteAgent = await remote.login('alice.martin', TEST_PASSWORD);
    await syncOk(remote);
  }, 60_000);

  afterAll(async () => {
    await remote?.close();
    await proxy?.close();
  });

  it('retries an upload cut by the network with the same action, and sends a file twice harmlessly', async () => {
    const applicationNumber = take();
    const instruction = remote.backend.instruction;
    const preview = await instruction.previewProlongation(remoteAgent, applicationNumber);
    const issued = await instruction.issueProlongation(
      remoteAgent,
      applicationNumber,
      preview.sha256,
    );
    proxy.inject('/files', 'cutBefore');
    const cut = await remote.backend.sync.syncNow();
    expect(cut.ok).toBe(false);
    expect(remote.backend.outbox.get(issued.id)).toMatchObject({ state: 'pending', attempts: 1 });
    // The next one reaches the portal, but its answer is lost: sent again, accepted again.
    proxy.inject('/files', 'cutAfterCommit');
    expect((await remote.backend.sync.syncNow()).ok).toBe(false);
    await syncOk(remote);
    expect(proxy.triggered.map((t) => t.fault)).toEqual(['cutBefore', 'cutAfterCommit']);
    expect(remote.backend.outbox.get(issued.id)?.state).toBe('applied');
    expect(await fromPortal(preview.sha256)).toEqual(
      await remote.backend.blobs.get(preview.sha256),
    );
  });

  it('rejects only the action whose file the portal refuses, with its reason', async () => {
    const [first, second] = [take(), take()];
    const notPdf = await remote.backend.blobs.put(new TextEncoder().encode('pas un PDF'));
    const validity = prolongationValidity(parisDateOf(remote.backend.sync.portalNow()));
    const refused = remote.backend.actions.enqueue(remoteAgent, 'issueProlongation', first, {
      ...validity,
      attestationSha256: notPdf.sha256,
    });
    const preview = await remote.backend.instruction.previewProlongation(remoteAgent, second);
    const accepted = await remote.backend.instruction.issueProlongation(
      remoteAgent,
      second,
      preview.sha256,
    );
    await syncOk(remote);
    const rejected = remote.backend.outbox.get(refused.id);
    expect(rejected?.state).toBe('rejected');
    expect(rejected?.reason).toMatch(/format|fichier/i);
    expect(remote.backend.outbox.get(accepted.id)?.state).toBe('applied');
  });
});

import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServer } from '../../host/http-server';
import type { AppRouter } from '../router';
import {
  createPortalAgent,
  submitDossiers,
  TEST_PASSWORD,
  usePortalProcess,
} from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// The supervisor's workspace through the headless host, on dossiers the simulator filed into a
// real portal process: the workload per agent, the ages and weekly counts, a reassignment with a
// reason sent through the outbox and seen by the named agent on their own workstation; an agent
// is refused every supervisor call, and the refusal is journaled.

const portal = usePortalProcess();
let supervisorStation: TestWorkstation;
let agentStation: TestWorkstation;
let server: ReturnType<typeof createHostServer>;
let base: string;
let supervisorToken: string;
let agentToken: string;
let camille: { agentId: string };
/** The two dossiers the supervisor gave Camille. */
let camilleDossiers: string[] = [];

const client = (token: () => string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${base}/trpc`, headers: () => ({ Authorization: `Bearer ${token()}` }) }),
    ],
  });
const asSupervisor = () => client(() => supervisorToken);
const asAgent = () => client(() => agentToken);

async function syncOk(station: TestWorkstation) {
  const run = await station.backend.sync.syncNow();
  expect(run.error).toBeUndefined();
}

beforeAll(async () => {
  await submitDossiers(portal(), 12, 'supervision');
  await createPortalAgent(portal(), { name: 'Sophie Durand', login: 'sophie', role: 'supervisor' });
  camille = await createPortalAgent(portal(), { name: 'Camille Lefebvre', login: 'camille' });
  supervisorStation = await openWorkstation(portal().url);
  agentStation = await openWorkstation(portal().url);
  const renderer = join(supervisorStation.dataDir, 'renderer');
  mkdirSync(renderer);
  // One host in front of the supervisor's workstation; the agent's calls go to the same host
  // (same backend) to prove the refusal is the backend's, not the screen's.
  server = createHostServer(supervisorStation.backend, renderer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ token: supervisorToken } = await supervisorStation.backend.auth.login(
    'sophie',
    TEST_PASSWORD,
  ));
  await syncOk(supervisorStation);
  ({ token: agentToken } = await supervisorStation.backend.auth.login('camille', TEST_PASSWORD));
  await agentStation.backend.auth.login('camille', TEST_PASSWORD);
  await syncOk(agentStation);
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await supervisorStation?.close();
  await agentStation?.close();
});

describe('supervision', () => {
  it('shows the workload per agent, the ages of the open dossiers and the weekly counts', async () => {
    const overview = await asSupervisor().supervision.overview.query();
    const unassigned = overview.perAgent.find((row) => row.agentId === null);
    expect(unassigned?.open).toBeGreaterThanOrEqual(3);
    expect(overview.perAgent.map((row) => row.agentName)).toEqual(
      expect.arrayContaining(['Sophie Durand', 'Camille Lefebvre']),
    );
    const total = overview.perAgent.reduce((sum, row) => sum + row.open, 0);
    expect(overview.ages.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(total);
    expect(overview.ages.map((bucket) => [bucket.fromDays, bucket.toDays])).toEqual([
      [0, 30],
      [30, 60],
      [60, 90],
      [90, 120],
      [120, null],
    ]);
    expect(overview.trend).toHaveLength(12);
    expect(overview.trend.at(-1)?.on).toBe(overview.today);
    // Filed today: all counted as « Déposé » this week, none the weeks before.
    expect(overview.trend.at(-1)?.counts.submitted).toBe(total);
    expect(overview.trend[0]?.counts.submitted).toBe(0);
  });

  it('reassigns two dossiers to a named agent with a reason; the agent sees them after sync', async () => {
    const page = await asSupervisor().queue.page.query({ tab: 'todo', limit: 10 });
    const two = page.rows.slice(0, 2).map((row) => row.applicationNumber);
    expect(two).toHaveLength(2);
    camilleDossiers = two;
    const refused = await asSupervisor()
      .supervision.reassign.mutate({
        applicationNumbers: two,
        agentId: camille.agentId,
        reason: ' ',
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);

    const result = await asSupervisor().supervision.reassign.mutate({
      applicationNumbers: two,
      agentId: camille.agentId,
      reason: 'Congés de l’agent initialement prévu : dossiers confiés à Camille.',
    });
    expect(result).toEqual({ agentName: 'Camille Lefebvre', queued: 2, failed: [] });
    await syncOk(supervisorStation);
    for (const number of two)
      expect(supervisorStation.backend.applications.get(number)?.assignedAgentId).toBe(
        camille.agentId,
      );

    await syncOk(agentStation);
    const camilleAgent = agentStation.backend.agents
      .list({ serviceCode: '59' })
      .find((agent) => agent.login === 'camille')!;
    const mine = agentStation.backend.queue.page({
      serviceCode: '59',
      agentId: camilleAgent.id,
      tab: 'mine',
      today: '2026-01-01',
      withinDays: 15,
      sort: 'submittedAt',
      direction: 'asc',
      limit: 25,
      offset: 0,
    });
    expect(mine.rows.map((row) => row.applicationNumber).sort()).toEqual([...two].sort());
    // The reason reached the agent's workstation with the assignment.
    const assignment = agentStation.backend.history
      .eventsOf(two[0]!)
      .find((event) => event.type === 'assignment.changed');
    expect(assignment?.data['assignedAgentId']).toBe(camille.agentId);
    expect(assignment?.data['reason']).toBe(
      'Congés de l’agent initialement prévu : dossiers confiés à Camille.',
    );

    const workload = await asSupervisor().supervision.overview.query();
    expect(workload.perAgent.find((row) => row.agentId === camille.agentId)?.open).toBe(2);
  });

  it('sends an agent’s decisions for signature where the service asks so; the supervisor approves one and returns the other', async () => {
    await portal().client().trpc.dev.setServiceSettings.mutate({
      serviceCode: '59',
      decisionValidation: true,
    });
    await syncOk(supervisorStation);
    const [first, second] = camilleDossiers as [string, string];
    for (const applicationNumber of [first, second]) {
      await asAgent().instruction.startReview.mutate({ applicationNumber });
      const { documents } = await asAgent().dossier.get.query({ applicationNumber });
      for (const document of documents.filter((d) => d.versions.length > 0))
        await asAgent().dossier.setVerdict.mutate({
          applicationNumber,
          documentKey: document.key,
          verdict: 'compliant',
        });
    }
    await syncOk(supervisorStation);

    // Favourable: previewed, then sent for signature, not to the applicant.
    const checks = await asAgent().instruction.checks.query({ applicationNumber: first });
    expect(checks.signature.required).toBe(true);
    const preview = await asAgent().instruction.previewFavorable.mutate({
      applicationNumber: first,
    });
    const sent = await asAgent().instruction.decideFavorable.mutate({
      applicationNumber: first,
      sha256: preview.sha256,
    });
    expect(sent.toSign).toBe(true);
    await asAgent().instruction.decideUnfavorable.mutate({
      applicationNumber: second,
      motivation: 'Les pièces ne permettent pas d’établir la situation décrite.',
    });
    await syncOk(supervisorStation);
    const waiting = await asAgent().instruction.checks.query({ applicationNumber: first });
    expect(waiting.status).toBe('in_review');
    expect(waiting.signature.waiting).toMatchObject({ decision: 'favorable' });
    expect(waiting.decision.blocking).toContain(
      'Une décision attend la signature du chef de bureau sur ce dossier.',
    );

    const toSign = await asSupervisor().supervision.toSign.query();
    expect(
      toSign.map((row) => [row.applicationNumber, row.decision, row.submittedBy?.name]),
    ).toEqual(
      expect.arrayContaining([
        [first, 'favorable', 'Camille Lefebvre'],
        [second, 'unfavorable', 'Camille Lefebvre'],
      ]),
    );
    const favorable = toSign.find((row) => row.applicationNumber === first)!;
    const unfavorable = toSign.find((row) => row.applicationNumber === second)!;
    // An agent cannot sign, even through the API.
    const refused = await asAgent()
      .supervision.approve.mutate({ applicationNumber: first, decisionId: favorable.decisionId })
      .catch((error: unknown) => error);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');

    await asSupervisor().supervision.approve.mutate({
      applicationNumber: first,
      decisionId: favorable.decisionId,
    });
    await asSupervisor().supervision.returnDecision.mutate({
      applicationNumber: second,
      decisionId: unfavorable.decisionId,
      comment: 'Motivez au regard de la plainte déposée.',
    });
    await syncOk(supervisorStation);
    expect(supervisorStation.backend.applications.get(first)?.status).toBe('favorable');
    const returned = await asAgent().instruction.checks.query({ applicationNumber: second });
    expect(returned.status).toBe('in_review');
    expect(returned.signature.waiting).toBeNull();
    expect(returned.signature.returned).toMatchObject({
      comment: 'Motivez au regard de la plainte déposée.',
      returnedBy: { name: 'Sophie Durand' },
    });
    expect(returned.unfavorable.allowed).toBe(true);
    expect(await asSupervisor().supervision.toSign.query()).toEqual([]);
    await portal().client().trpc.dev.setServiceSettings.mutate({
      serviceCode: '59',
      decisionValidation: false,
    });
  });

  it('refuses every supervisor call to an agent, and journals the refusal', async () => {
    const overview = await asAgent()
      .supervision.overview.query()
      .catch((error: unknown) => error);
    expect(overview).toBeInstanceOf(TRPCClientError);
    expect((overview as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');
    const reassign = await asAgent()
      .supervision.reassign.mutate({
        applicationNumbers: ['5901202601010000001'],
        agentId: camille.agentId,
        reason: 'Essai',
      })
      .catch((error: unknown) => error);
    expect((reassign as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');
    const refusals = supervisorStation.backend.journal
      .list({ actorId: camille.agentId, limit: 10 })
      .filter((entry) => entry.action === 'auth.forbidden');
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });
});

import { randomUUID } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardValidity } from '../../shared/dates/deadlines';
import { parisDateOf } from '../../shared/dates/paris-time';
import {
  activeApplicant,
  distinctPng,
  failure,
  loggedAgent,
  submitted,
  testClock,
  upload,
  usePortal,
} from '../testing/harness';
import { MUTATION_TYPES } from './mutation-payloads';
import { mutationBuilder } from '../testing/push-mutation';

const clock = testClock();
const server = usePortal({ now: clock.now });

type Agent = Awaited<ReturnType<typeof loggedAgent>>;
type Applicant = Awaited<ReturnType<typeof activeApplicant>>;
let agent: Agent;
let colleague: Agent;
let supervisor: Agent;
/** Another service (Paris): everything of the Nord's is out of their reach. */
let paris: Agent;
let parisSupervisor: Agent;

beforeAll(async () => {
  agent = await loggedAgent(server.url, { name: 'Camille Lefebvre' });
  colleague = await loggedAgent(server.url, { name: 'Karim Benali' });
  supervisor = await loggedAgent(server.url, { role: 'supervisor', name: 'Dominique Roussel' });
  paris = await loggedAgent(server.url, { serviceCode: '75', name: 'Louise Martin' });
  parisSupervisor = await loggedAgent(server.url, {
    serviceCode: '75',
    role: 'supervisor',
    name: 'Hugo Bernard',
  });
});

const SIGNATURE_REQUIRED =
  'Dans ce service, les décisions sont soumises à la signature du chef de bureau : envoyez-la à la signature.';
const DECISION_PENDING = 'Une décision attend la signature du chef de bureau sur ce dossier.';
const SUPERVISOR_ONLY = 'Cette action est réservée au chef de bureau.';

const mutation = mutationBuilder(() => clock.now());

async function push(by: Agent, ...mutations: ReturnType<typeof mutation>[]) {
  return (await by.client.backoffice.push.mutate({ mutations })).results;
}

async function changesOf(applicationNumber: string, by: Agent = agent) {
  const all = [];
  let after: string | null = null;
  for (;;) {
    const page = await by.client.backoffice.changes.query({ after, limit: 500 });
    all.push(...page.changes);
    after = page.cursor;
    if (!page.hasMore) break;
  }
  return all.filter((change) => change.applicationNumber === applicationNumber);
}

/** An attestation whose bytes no other one shares: who uploaded it is then unambiguous. */
async function attestation(by: Agent) {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage([595, 842]).drawText(`Attestation ${randomUUID()}`, { x: 50, y: 780, font });
  return upload(server.url, by.token, await document.save(), 'attestation.pdf');
}

const securityEvents = (by: Agent) =>
  server.client().dev.securityEvents.query({ agentId: by.agentId });

function setValidation(decisionValidation: boolean, serviceCode = '59') {
  return server.client().dev.setServiceSettings.mutate({ serviceCode, decisionValidation });
}

/** A dossier of the Nord, taken by `agent` and in review: version 3. */
async function inReview(applicant?: Applicant) {
  const owner = applicant ?? (await activeApplicant(server.url));
  const dossier = await submitted(server.url, owner);
  const number = dossier.applicationNumber;
  const results = await push(
    agent,
    mutation('assign', number, 1),
    mutation('startReview', number, 2),
  );
  expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
  return { number, applicant: owner, dossier };
}

async function favorablePayload(by: Agent) {
  const today = parisDateOf(clock.now());
  const card = cardValidity(today, 12);
  const pdf = await attestation(by);
  return {
    pdf,
    payload: {
      decisionDate: today,
      cardValidFrom: card.validFrom,
      cardValidTo: card.validTo,
      attestationSha256: pdf.sha256,
    },
  };
}

function download(token: string, sha256: string, method: 'GET' | 'HEAD' = 'GET') {
  return fetch(`${server.url}/files/${sha256}`, {
    method,
    headers: { Authorization: `Bearer ${token}` },
  });
}

describe('service settings', () => {
  it('defaults to no validation, is set by dev.setServiceSettings and read by the service’s agents', async () => {
    expect(await agent.client.backoffice.serviceSettings.query()).toEqual({
      serviceCode: '59',
      decisionValidation: false,
    });
    expect(await setValidation(true, '13')).toEqual({
      serviceCode: '13',
      decisionValidation: true,
    });
    // Each service reads its own, never another's.
    expect(await paris.client.backoffice.serviceSettings.query()).toEqual({
      serviceCode: '75',
      decisionValidation: false,
    });
    const bad = await failure(
      server.client().dev.setServiceSettings.mutate({
        serviceCode: 'XX',
        decisionValidation: true,
      }),
    );
    expect(bad.data?.issues?.[0]).toMatchObject({
      path: 'serviceCode',
      message: 'Le code du service doit être un département (59, 2A, 974…).',
    });
  });
});

describe('reassigning with a reason', () => {
  it('tells both agents concerned who moved the dossier, and why', async () => {
    const { number } = await inReview();
    const [moved] = await push(
      supervisor,
      mutation('assign', number, 3, {
        agentId: colleague.agentId,
        reason: 'Camille est en congé jusqu’au 15.',
      }),
    );
    expect(moved).toMatchObject({ outcome: 'applied', version: 4 });
    for (const concerned of [agent, colleague]) {
      const change = (await changesOf(number, concerned)).find(
        (c) => c.type === 'assignment.changed' && c.version === 4,
      );
      expect(change?.data).toEqual({
        assignedAgentId: colleague.agentId,
        assignedAgentName: 'Karim Benali',
        previousAgentId: agent.agentId,
        by: { id: supervisor.agentId, name: 'Dominique Roussel' },
        reason: 'Camille est en congé jusqu’au 15.',
      });
    }
    // Taking a dossier for oneself needs no reason.
    const [back] = await push(agent, mutation('assign', number, 4));
    expect(back).toMatchObject({ outcome: 'applied', version: 5 });
    const [tooLong] = await push(
      supervisor,
      mutation('assign', number, 5, { agentId: colleague.agentId, reason: 'x'.repeat(501) }),
    );
    expect(tooLong?.issues?.[0]).toMatchObject({
      path: 'payload.reason',
      message: 'Le champ « Motif de la réattribution » ne doit pas dépasser 500 caractères.',
    });
  });
});

describe('supervisor-only calls made by an agent', () => {
  it('refuses each one with a French reason and logs it as a role refusal', async () => {
    const { number } = await inReview();
    const { payload } = await favorablePayload(agent);
    const [submittedDecision] = await push(
      agent,
      mutation('submitDecision', number, 3, { decision: 'favorable', payload }),
    );
    expect(submittedDecision).toMatchObject({ outcome: 'applied', version: 4 });
    const decisionId = (await changesOf(number)).find((c) => c.type === 'decision.submitted')?.data
      .decisionId as string;
    const before = (await securityEvents(agent)).length;

    const attempts: [string, object, string][] = [
      [
        'assign',
        { agentId: colleague.agentId, reason: 'Je le lui passe.' },
        "Un agent ne peut attribuer un dossier qu'à lui-même ; l'attribution à un autre agent revient au chef de bureau.",
      ],
      ['approveDecision', { decisionId }, SUPERVISOR_ONLY],
      ['returnDecision', { decisionId, comment: 'À revoir.' }, SUPERVISOR_ONLY],
    ];
    for (const [type, body, reason] of attempts) {
      const [result] = await push(agent, mutation(type, number, 4, body));
      expect(result).toMatchObject({ outcome: 'rejected', reason });
    }
    // Judged before the version: a stale base version changes nothing to a role refusal.
    const [stale] = await push(agent, mutation('approveDecision', number, 1, { decisionId }));
    expect(stale).toMatchObject({ outcome: 'rejected', reason: SUPERVISOR_ONLY });

    const logged = (await securityEvents(agent)).slice(before);
    expect(logged).toEqual(
      ['assign', 'approveDecision', 'returnDecision', 'approveDecision'].map((type) => ({
        seq: expect.any(Number),
        at: expect.any(String),
        agentId: agent.agentId,
        kind: 'role',
        procedure: 'backoffice.push',
        type,
        applicationNumber: number,
      })),
    );
    // Nothing of it was applied: the decision still waits, the dossier is still the agent's.
    const after = await changesOf(number);
    expect(after.at(-1)).toMatchObject({ type: 'application.updated', version: 4 });
    const [returned] = await push(
      supervisor,
      mutation('returnDecision', number, 4, { decisionId, comment: 'Test terminé.' }),
    );
    expect(returned?.outcome).toBe('applied');
  });
});

describe('service boundaries', () => {
  let number: string;
  let documentSha: string;
  let pendingAttestation: string;
  beforeAll(async () => {
    const reviewed = await inReview();
    number = reviewed.number;
    documentSha = reviewed.dossier.files.identity![0]!.sha256;
    const { pdf, payload } = await favorablePayload(agent);
    pendingAttestation = pdf.sha256;
    const [result] = await push(
      agent,
      mutation('submitDecision', number, 3, { decision: 'favorable', payload }),
    );
    expect(result?.outcome).toBe('applied');
  });

  it('refuses every mutation type on another service’s dossier as if it did not exist, and logs each', async () => {
    const decisionId = (await changesOf(number)).find((c) => c.type === 'decision.submitted')?.data
      .decisionId as string;
    const reason = `Le dossier n° ${number} n'existe pas ou ne relève pas de votre service.`;
    const before = (await securityEvents(paris)).length;
    for (const type of MUTATION_TYPES) {
      const [result] = await push(paris, mutation(type, number, 4, { decisionId }));
      expect(result).toEqual({ id: expect.any(String), outcome: 'rejected', reason });
    }
    for (const type of ['approveDecision', 'returnDecision'])
      expect(
        (
          await push(
            parisSupervisor,
            mutation(type, number, 4, { decisionId, comment: 'Vu par Paris.' }),
          )
        )[0]?.reason,
      ).toBe(reason);
    // A number that exists nowhere gets the same answer, and is no attempt on anyone's dossier.
    const [unknown] = await push(paris, mutation('startReview', '7501202611270000001', 1));
    expect(unknown?.reason).toBe(
      "Le dossier n° 7501202611270000001 n'existe pas ou ne relève pas de votre service.",
    );
    expect((await securityEvents(paris)).slice(before)).toEqual(
      MUTATION_TYPES.map((type) =>
        expect.objectContaining({
          kind: 'service',
          procedure: 'backoffice.push',
          type,
          applicationNumber: number,
        }),
      ),
    );
    expect(await securityEvents(parisSupervisor)).toEqual([
      expect.objectContaining({ kind: 'service', type: 'approveDecision' }),
      expect.objectContaining({ kind: 'service', type: 'returnDecision' }),
    ]);
    // The decision still waits, untouched.
    expect((await changesOf(number)).at(-1)).toMatchObject({ version: 4 });
  });

  it('answers 404 for another service’s files, the pending attestation included, and logs it', async () => {
    const before = (await securityEvents(paris)).length;
    expect((await download(paris.token, documentSha)).status).toBe(404);
    expect((await download(paris.token, documentSha, 'HEAD')).status).toBe(404);
    expect((await download(paris.token, pendingAttestation)).status).toBe(404);
    // A file no dossier refers to is just not found: nothing to log.
    expect((await download(paris.token, 'f'.repeat(64))).status).toBe(404);
    expect((await securityEvents(paris)).slice(before)).toEqual([
      expect.objectContaining({
        kind: 'service',
        procedure: 'GET /files',
        type: null,
        applicationNumber: number,
      }),
      expect.objectContaining({ procedure: 'HEAD /files', applicationNumber: number }),
      expect.objectContaining({ procedure: 'GET /files', applicationNumber: number }),
    ]);
    // The Nord's supervisor reads the attestation before signing it; the document too.
    expect((await download(supervisor.token, pendingAttestation)).status).toBe(200);
    expect((await download(colleague.token, documentSha)).status).toBe(200);
  });

  it('never lists another service’s changes, decisions included', async () => {
    const nord = await changesOf(number);
    expect(nord.map((c) => c.type)).toContain('decision.submitted');
    expect(await changesOf(number, paris)).toEqual([]);
  });

  it('refuses to give a dossier to an agent of another service, and logs it', async () => {
    const [result] = await push(
      supervisor,
      mutation('assign', number, 4, { agentId: paris.agentId, reason: 'Renfort parisien.' }),
    );
    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: "L'agent désigné n'existe pas, est désactivé ou n'appartient pas à votre service.",
    });
    expect((await securityEvents(supervisor)).at(-1)).toMatchObject({
      kind: 'service',
      type: 'assign',
      applicationNumber: number,
    });
  });
});

describe('hierarchical validation: the signature flow', () => {
  beforeAll(async () => {
    await setValidation(true);
  });

  it('keeps the decision from the applicant until the supervisor signs it', async () => {
    expect(await agent.client.backoffice.serviceSettings.query()).toEqual({
      serviceCode: '59',
      decisionValidation: true,
    });
    const { number, applicant } = await inReview(
      await activeApplicant(server.url, {
        civilStatus: { firstNames: 'Marie', birthName: 'DUPONT' },
      }),
    );
    const mailsBefore = (await server.client().dev.mailbox.query({ email: applicant.email }))
      .length;
    const { pdf, payload } = await favorablePayload(agent);

    // The agent's direct decision is refused, and logged: the service wants it signed.
    const before = (await securityEvents(agent)).length;
    const [direct] = await push(agent, mutation('decideFavorable', number, 3, payload));
    expect(direct).toMatchObject({ outcome: 'rejected', reason: SIGNATURE_REQUIRED });
    expect((await securityEvents(agent)).slice(before)).toEqual([
      expect.objectContaining({ kind: 'role', type: 'decideFavorable', applicationNumber: number }),
    ]);

    const submit = mutation('submitDecision', number, 3, { decision: 'favorable', payload });
    const [sent] = await push(agent, submit);
    expect(sent).toEqual({ id: submit.id, outcome: 'applied', version: 4 });
    const [detail, update] = (await changesOf(number)).slice(-2);
    expect(detail).toMatchObject({
      type: 'decision.submitted',
      version: 4,
      data: {
        decisionId: expect.any(String),
        decision: 'favorable',
        submittedBy: { id: agent.agentId, name: 'Camille Lefebvre' },
        payload,
        attestation: {
          sha256: pdf.sha256,
          name: `attestation-decision-favorable-${number}.pdf`,
          mime: 'application/pdf',
        },
      },
    });
    expect(update).toMatchObject({
      type: 'application.updated',
      version: 4,
      data: {
        event: 'submitDecision',
        status: 'in_review',
        previousStatus: 'in_review',
        mutationId: submit.id,
        decisionId: detail?.data.decisionId,
      },
    });
    const decisionId = detail?.data.decisionId as string;

    // The applicant sees nothing yet.
    expect(await applicant.client.applicant.notifications.list.query()).toEqual([]);
    expect(await server.client().dev.mailbox.query({ email: applicant.email })).toHaveLength(
      mailsBefore,
    );
    const [listed] = await applicant.client.applicant.applications.list.query();
    expect(listed?.status).toBe('in_review');

    // While it waits: no other decision, closure, submission or supplement request; a message is fine.
    const blocked = [
      mutation('submitDecision', number, 4, { decision: 'favorable', payload }),
      mutation('decideUnfavorable', number, 4, { motivation: 'Pièces insuffisantes.' }),
      mutation('closeWithdrawn', number, 4),
      mutation('requestSupplement', number, 4, {
        items: [{ documentKey: 'identity', observation: 'Illisible.' }],
      }),
    ];
    for (const attempt of blocked)
      expect((await push(supervisor, attempt))[0]).toMatchObject({
        outcome: 'rejected',
        reason: DECISION_PENDING,
      });
    const [message] = await push(
      agent,
      mutation('sendMessage', number, 4, { text: 'Votre dossier est en cours de signature.' }),
    );
    expect(message).toMatchObject({ outcome: 'applied', version: 5 });

    const [wrongId] = await push(
      supervisor,
      mutation('approveDecision', number, 5, { decisionId: randomUUID() }),
    );
    expect(wrongId?.reason).toContain("n'attend pas (ou plus) la signature du chef de bureau");

    const approve = mutation('approveDecision', number, 5, {
      decisionId,
      comment: '  Vu et signé.  ',
    });
    const [signed] = await push(supervisor, approve);
    expect(signed).toEqual({ id: approve.id, outcome: 'applied', version: 6 });
    const [approved, applied] = (await changesOf(number, agent)).slice(-2);
    expect(approved).toMatchObject({
      type: 'decision.approved',
      version: 6,
      data: {
        decisionId,
        decision: 'favorable',
        submittedBy: { id: agent.agentId, name: 'Camille Lefebvre' },
        approvedBy: { id: supervisor.agentId, name: 'Dominique Roussel' },
        comment: 'Vu et signé.',
      },
    });
    expect(applied).toMatchObject({
      type: 'application.updated',
      version: 6,
      data: {
        event: 'decideFavorable',
        status: 'favorable',
        previousStatus: 'in_review',
        actor: { kind: 'agent', id: supervisor.agentId },
        mutationId: approve.id,
        payload,
        decisionId,
        submittedBy: { id: agent.agentId },
        approvedBy: { id: supervisor.agentId, name: 'Dominique Roussel' },
        notification: { kind: 'favorable_decision', title: 'Notification de décision' },
        attestation: { sha256: pdf.sha256 },
      },
    });

    // Now the applicant is told, with the attestation the agent uploaded.
    const mails = await server.client().dev.mailbox.query({ email: applicant.email });
    expect(mails).toHaveLength(mailsBefore + 2);
    const notices = await applicant.client.applicant.notifications.list.query();
    const decision = notices.find((n) => n.kind === 'favorable_decision');
    const opened = await applicant.client.applicant.notifications.open.mutate({
      id: decision!.id,
    });
    expect(opened.body).toContain(
      `votre demande en ligne de titre de séjour n° ${number} a été acceptée`,
    );
    expect(opened.attachments).toEqual([
      expect.objectContaining({ sha256: pdf.sha256, mime: 'application/pdf' }),
    ]);
    expect((await download(applicant.token, pdf.sha256)).status).toBe(200);

    // The same ids again: the first outcomes, nothing applied twice.
    expect(await push(supervisor, approve)).toEqual([
      { id: approve.id, outcome: 'duplicate', version: 6 },
    ]);
    expect(await push(agent, submit)).toEqual([
      { id: submit.id, outcome: 'duplicate', version: 4 },
    ]);
    const all = await changesOf(number);
    expect(all.filter((c) => c.type.startsWith('decision.')).map((c) => c.type)).toEqual([
      'decision.submitted',
      'decision.approved',
    ]);
    expect(all.at(-1)?.version).toBe(6);
  });

  it('returns a decision with a comment the agent reads, then takes the new one', async () => {
    const { number, applicant } = await inReview();
    const [first] = await push(
      agent,
      mutation('submitDecision', number, 3, {
        decision: 'unfavorable',
        payload: { motivation: 'Ressources insuffisantes.' },
      }),
    );
    expect(first?.outcome).toBe('applied');
    const firstId = (await changesOf(number)).at(-2)?.data.decisionId as string;

    const [empty] = await push(
      supervisor,
      mutation('returnDecision', number, 4, { decisionId: firstId, comment: '  ' }),
    );
    expect(empty?.issues).toEqual([
      {
        path: 'payload.comment',
        code: 'too_small',
        message: 'Le champ « Commentaire » est obligatoire.',
      },
    ]);
    const back = mutation('returnDecision', number, 4, {
      decisionId: firstId,
      comment: 'Motivez au regard de l’article L. 423-23.',
    });
    expect(await push(supervisor, back)).toEqual([{ id: back.id, outcome: 'applied', version: 5 }]);
    expect(await push(supervisor, back)).toEqual([
      { id: back.id, outcome: 'duplicate', version: 5 },
    ]);

    // The agent sees why after the sync; the applicant still sees nothing.
    const [returned, update] = (await changesOf(number, agent)).slice(-2);
    expect(returned).toMatchObject({
      type: 'decision.returned',
      version: 5,
      data: {
        decisionId: firstId,
        decision: 'unfavorable',
        submittedBy: { id: agent.agentId },
        returnedBy: { id: supervisor.agentId, name: 'Dominique Roussel' },
        comment: 'Motivez au regard de l’article L. 423-23.',
      },
    });
    expect(update?.data).toMatchObject({ event: 'returnDecision', status: 'in_review' });
    expect(await applicant.client.applicant.notifications.list.query()).toEqual([]);

    // Submitted again: a new decision; the returned one can no longer be signed.
    const [again] = await push(
      agent,
      mutation('submitDecision', number, 5, {
        decision: 'unfavorable',
        payload: {
          motivation: 'Ressources insuffisantes au regard de l’article L. 423-23.',
        },
      }),
    );
    expect(again).toMatchObject({ outcome: 'applied', version: 6 });
    const secondId = (await changesOf(number)).at(-2)?.data.decisionId as string;
    expect(secondId).not.toBe(firstId);
    const [old] = await push(
      supervisor,
      mutation('approveDecision', number, 6, { decisionId: firstId }),
    );
    expect(old?.reason).toBe(
      `La décision ${firstId} n'attend pas (ou plus) la signature du chef de bureau sur ce dossier.`,
    );
    const [signed] = await push(
      supervisor,
      mutation('approveDecision', number, 6, { decisionId: secondId }),
    );
    expect(signed).toMatchObject({ outcome: 'applied', version: 7 });
    const [notice] = await applicant.client.applicant.notifications.list.query();
    expect(notice).toMatchObject({ kind: 'unfavorable_decision' });
    expect(
      (await applicant.client.applicant.notifications.open.mutate({ id: notice!.id })).body,
    ).toContain('Ressources insuffisantes au regard de l’article L. 423-23.');
  });

  it('lets the supervisor decide directly', async () => {
    const { number } = await inReview();
    const { payload } = await favorablePayload(supervisor);
    const [result] = await push(supervisor, mutation('decideFavorable', number, 3, payload));
    expect(result).toMatchObject({ outcome: 'applied', version: 4 });
  });
});

describe('submitting a decision without validation in the service', () => {
  beforeAll(async () => {
    await setValidation(false);
  });

  it('lets the agent decide directly, or still ask for a signature', async () => {
    const direct = await inReview();
    const { payload } = await favorablePayload(agent);
    expect(
      (await push(agent, mutation('decideFavorable', direct.number, 3, payload)))[0],
    ).toMatchObject({
      outcome: 'applied',
    });
    const asked = await inReview();
    const second = await favorablePayload(agent);
    const [sent] = await push(
      agent,
      mutation('submitDecision', asked.number, 3, {
        decision: 'favorable',
        payload: second.payload,
      }),
    );
    expect(sent).toMatchObject({ outcome: 'applied', version: 4 });
    // Even without validation, a waiting decision blocks the agent's direct one.
    const [blocked] = await push(
      agent,
      mutation('decideFavorable', asked.number, 4, second.payload),
    );
    expect(blocked?.reason).toBe(DECISION_PENDING);
  });

  it('checks the submitted decision exactly as the decision itself', async () => {
    const { number } = await inReview();
    const { payload } = await favorablePayload(agent);
    const cases: [object, string][] = [
      [
        { decision: 'favorable', payload: { ...payload, cardValidFrom: '2020-01-01' } },
        'la carte est valable du',
      ],
      [
        { decision: 'favorable', payload: (await favorablePayload(colleague)).payload },
        "n'a pas été déposée sur le portail par cet agent",
      ],
      [
        {
          decision: 'unfavorable',
          payload: {
            motivation: 'x',
            attestationSha256: (await upload(server.url, agent.token, distinctPng(), 'a.png'))
              .sha256,
          },
        },
        "L'attestation doit être un fichier PDF.",
      ],
    ];
    for (const [body, reason] of cases) {
      const [result] = await push(agent, mutation('submitDecision', number, 3, body));
      expect(result?.outcome).toBe('rejected');
      expect(result?.reason).toContain(reason);
    }
    const [badKind] = await push(
      agent,
      mutation('submitDecision', number, 3, { decision: 'maybe', payload }),
    );
    expect(badKind?.issues?.[0]).toMatchObject({
      path: 'payload.decision',
      message: 'La décision doit valoir « favorable » ou « unfavorable ».',
    });
    const [missing] = await push(
      agent,
      mutation('submitDecision', number, 3, { decision: 'unfavorable', payload: {} }),
    );
    expect(missing?.issues?.[0]).toMatchObject({
      path: 'payload.payload.motivation',
      message: 'Le champ « Motivation » est obligatoire.',
    });
    // A submission follows the state machine: not before the review has started.
    const fresh = (await submitted(server.url, await activeApplicant(server.url)))
      .applicationNumber;
    const [early] = await push(
      agent,
      mutation('submitDecision', fresh, 1, { decision: 'favorable', payload }),
    );
    expect(early?.reason).toBe(
      "Cette action n'est pas possible pour un dossier au statut « Déposé, à instruire ».",
    );
  });
});

describe('the security log', () => {
  it('cannot be rewritten', () => {
    const { db } = server.portal;
    expect(() => db.prepare("UPDATE security_events SET kind = 'role'").run()).toThrow(
      /append_only/,
    );
    expect(() => db.prepare('DELETE FROM security_events').run()).toThrow(/append_only/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/calendar-date';
import { cardValidity, prolongationValidity } from '../../shared/dates/deadlines';
import { parisDateOf } from '../../shared/dates/paris-time';
import {
  activeApplicant,
  AGENT_PASSWORD,
  APPLICANT_PASSWORD,
  portalClient,
  DAY_MS,
  distinctPng,
  failure,
  loggedAgent,
  submitted,
  testClock,
  upload,
  usePortal,
} from '../testing/harness';
import { pdfWithPages } from '../uploads/testing/samples';
import { mutationBuilder } from '../testing/push-mutation';

const clock = testClock();
const server = usePortal({ now: clock.now });

type Agent = Awaited<ReturnType<typeof loggedAgent>>;
let agent: Agent;
let supervisor: Agent;

beforeAll(async () => {
  agent = await loggedAgent(server.url, { name: 'Camille Lefebvre' });
  supervisor = await loggedAgent(server.url, { role: 'supervisor', name: 'Dominique Roussel' });
});

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

async function attestation(by: Agent) {
  return upload(server.url, by.token, await pdfWithPages(1), 'attestation.pdf');
}

const today = () => parisDateOf(clock.now());

describe('backoffice.login and the agent’s identity', () => {
  it('logs an agent in with their service, and refuses a wrong password', async () => {
    expect(agent.agent).toMatchObject({
      name: 'Camille Lefebvre',
      role: 'agent',
      serviceCode: '59',
    });
    expect(agent.agent).not.toHaveProperty('passwordHash');
    expect(await agent.client.backoffice.me.query()).toMatchObject({
      id: agent.agentId,
      serviceName: expect.any(String),
    });
    const wrong = await failure(
      server.client().backoffice.login.mutate({ login: agent.login, password: 'Mauvais-1' }),
    );
    expect(wrong.data?.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe('Identifiant ou mot de passe incorrect.');
    const colleagues = await agent.client.backoffice.agents.query();
    expect(colleagues.map((a) => a.id)).toEqual(
      expect.arrayContaining([agent.agentId, supervisor.agentId]),
    );
  });

  it('stops a revoked agent at once', async () => {
    const leaving = await loggedAgent(server.url);
    await server.client().dev.disableAgent.mutate({ agentId: leaving.agentId });
    const error = await failure(leaving.client.backoffice.me.query());
    expect(error.data?.code).toBe('UNAUTHORIZED');
    const again = await failure(
      server.client().backoffice.login.mutate({ login: leaving.login, password: 'Agent-Nord-59' }),
    );
    expect(again.data?.code).toBe('UNAUTHORIZED');
  });
});

describe('backoffice.changes', () => {
  it('pages the service’s changes in seq order, with a cursor', async () => {
    const applicant = await activeApplicant(server.url);
    const first = await submitted(server.url, applicant);
    const second = await submitted(server.url, applicant);
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await agent.client.backoffice.changes.query({ after, limit: 1 });
      expect(page.changes.length).toBeLessThanOrEqual(1);
      seen.push(...page.changes.map((c) => c.seq));
      pages += 1;
      if (page.changes.length > 0) expect(page.cursor).toBe(String(page.changes[0]!.seq));
      after = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const end = await agent.client.backoffice.changes.query({ after, limit: 10 });
    expect(end).toEqual({ changes: [], cursor: after, hasMore: false, resetRequired: false });
    // A cursor this log never gave (a portal restored from an older backup): start over.
    const beyond = await agent.client.backoffice.changes.query({
      after: String(Number(after) + 1000),
      limit: 10,
    });
    expect(beyond).toEqual({ changes: [], cursor: null, hasMore: false, resetRequired: true });
    const numbers = (
      await agent.client.backoffice.changes.query({ after: null, limit: 500 })
    ).changes.map((c) => c.applicationNumber);
    expect(numbers).toEqual(
      expect.arrayContaining([first.applicationNumber, second.applicationNumber]),
    );
  });

  it('shows an agent only their own service’s changes', async () => {
    const paris = await loggedAgent(server.url, { serviceCode: '75' });
    const applicant = await activeApplicant(server.url);
    await submitted(server.url, applicant);
    expect(
      (await paris.client.backoffice.changes.query({ after: null, limit: 500 })).changes,
    ).toEqual([]);
  });

  it('refuses a made-up cursor and a page over 500', async () => {
    expect(
      (await failure(agent.client.backoffice.changes.query({ after: 'abc', limit: 10 }))).data
        ?.code,
    ).toBe('BAD_REQUEST');
    const big = await failure(agent.client.backoffice.changes.query({ after: null, limit: 501 }));
    expect(big.data?.issues?.[0]).toMatchObject({
      path: 'limit',
      message: 'La taille de page ne doit pas dépasser 500.',
    });
  });
});

describe('backoffice.push: a dossier from submission to decision', () => {
  it('applies each action once, in order, and tells the applicant', async () => {
    const applicant = await activeApplicant(server.url, {
      civilStatus: { firstNames: 'Marie', birthName: 'DUPONT' },
    });
    const dossier = await submitted(server.url, applicant);
    const number = dossier.applicationNumber;

    let results = await push(
      agent,
      mutation('assign', number, 1),
      mutation('startReview', number, 2),
    );
    expect(results.map((r) => [r.outcome, r.version])).toEqual([
      ['applied', 2],
      ['applied', 3],
    ]);

    results = await push(
      agent,
      mutation('requestSupplement', number, 3, {
        items: [
          {
            documentKey: 'nationality',
            observation: 'Veuillez fournir une copie lisible de votre passeport.',
          },
          { documentKey: 'residence', observation: 'Le justificatif a plus de 6 mois.' },
        ],
      }),
    );
    expect(results[0]).toMatchObject({ outcome: 'applied', version: 4 });

    // The applicant is told by e-mail, and finds the notification.
    const mails = await server.client().dev.mailbox.query({ email: applicant.email });
    expect(mails.at(-1)?.subject).toBe('Nouvelle notification dans votre espace personnel');
    const [notice] = await applicant.client.applicant.notifications.list.query();
    expect(notice).toMatchObject({
      category: 'SEJOUR',
      kind: 'supplement_request',
      title: 'Demande de complément',
      readAt: null,
      applicationNumber: number,
    });

    // Opening it is the acknowledgment of receipt: readAt is set once, and published once.
    const opened = await applicant.client.applicant.notifications.open.mutate({ id: notice!.id });
    expect(opened.readAt).not.toBeNull();
    expect(opened.body).toContain('Bonjour Marie DUPONT,');
    expect(opened.body).toContain('Veuillez fournir une copie lisible de votre passeport.');
    expect(opened.supplementRequest).toMatchObject({
      answered: false,
      deadline: addDays(parisDateOf(new Date(opened.readAt!)), 30),
      items: [
        {
          documentKey: 'nationality',
          documentLabel: 'Justificatif de nationalité',
          documentVersion: 1,
        },
        { documentKey: 'residence', documentVersion: 1 },
      ],
    });
    clock.advance(60_000);
    const reopened = await applicant.client.applicant.notifications.open.mutate({ id: notice!.id });
    expect(reopened.readAt).toBe(opened.readAt);

    // « Valider et envoyer »: maintain one, update the other with a new file.
    const newFile = await upload(
      server.url,
      applicant.token,
      distinctPng(),
      'nouveau-justificatif.png',
    );
    const answer = await applicant.client.applicant.supplements.answer.mutate({
      notificationId: notice!.id,
      answers: [
        { documentKey: 'nationality', action: 'maintain', reason: 'La copie comporte 2 pages' },
        {
          documentKey: 'residence',
          action: 'update',
          files: [newFile.sha256],
          message: 'Voici la facture du mois dernier.',
        },
      ],
    });
    expect(answer.documents).toEqual([{ documentKey: 'residence', version: 2 }]);
    const twice = await failure(
      applicant.client.applicant.supplements.answer.mutate({
        notificationId: notice!.id,
        answers: [
          { documentKey: 'nationality', action: 'maintain', reason: 'encore' },
          { documentKey: 'residence', action: 'maintain', reason: 'encore' },
        ],
      }),
    );
    expect(twice.data?.code).toBe('CONFLICT');
    expect(twice.message).toBe('Vous avez déjà répondu à cette demande de complément.');

    const afterAnswer = await changesOf(number);
    expect(afterAnswer.map((c) => [c.type, c.version])).toEqual([
      ['application.submitted', 1],
      ['assignment.changed', 2],
      ['application.updated', 2],
      ['application.updated', 3],
      ['application.updated', 4],
      ['notification.read', 4],
      ['supplement.answered', 5],
      ['application.updated', 5],
    ]);
    expect(afterAnswer[6]?.data).toMatchObject({
      answers: [
        { documentKey: 'nationality', action: 'maintain', reason: 'La copie comporte 2 pages' },
        {
          documentKey: 'residence',
          action: 'update',
          documentVersion: 2,
          files: [{ sha256: newFile.sha256, name: 'nouveau-justificatif.png', mime: 'image/png' }],
        },
      ],
    });
    expect(afterAnswer[7]?.data).toMatchObject({
      event: 'answerSupplement',
      status: 'supplement_answered',
      actor: { kind: 'applicant' },
    });
    // The agent of the service may read the new file.
    const file = await fetch(`${server.url}/files/${newFile.sha256}`, {
      headers: { Authorization: `Bearer ${agent.token}` },
    });
    expect(file.status).toBe(200);

    // Back to review, a prolongation, then the favourable decision.
    const issuedOn = today();
    const validity = prolongationValidity(issuedOn);
    const prolongation = await attestation(agent);
    results = await push(
      agent,
      mutation('startReview', number, 5),
      mutation('issueProlongation', number, 6, {
        ...validity,
        attestationSha256: prolongation.sha256,
      }),
    );
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const card = cardValidity(issuedOn, 12);
    const decision = await attestation(agent);
    results = await push(
      agent,
      mutation('decideFavorable', number, 7, {
        decisionDate: issuedOn,
        cardValidFrom: card.validFrom,
        cardValidTo: card.validTo,
        attestationSha256: decision.sha256,
      }),
      mutation('sendMessage', number, 8, {
        text: 'Votre titre pourra être retiré en préfecture sur rendez-vous.',
      }),
      mutation('closeWithdrawn', number, 9),
    );
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'rejected']);
    expect(results[2]?.reason).toBe('Une décision a déjà été prise sur ce dossier.');

    const notices = await applicant.client.applicant.notifications.list.query();
    expect(notices.map((n) => n.title)).toEqual([
      "Message de l'agent instructeur",
      'Notification de décision',
      "Notification de prolongation de l'instruction",
      'Demande de complément',
    ]);
    const decided = await applicant.client.applicant.notifications.open.mutate({
      id: notices[1]!.id,
    });
    expect(decided.body).toContain(
      `votre demande en ligne de titre de séjour n° ${number} a été acceptée`,
    );
    expect(decided.attachments).toEqual([
      expect.objectContaining({ sha256: decision.sha256, mime: 'application/pdf' }),
    ]);
    // The attestation is now the applicant's to download.
    const download = await fetch(`${server.url}/files/${decision.sha256}`, {
      headers: { Authorization: `Bearer ${applicant.token}` },
    });
    expect(download.status).toBe(200);

    const [listed] = (await applicant.client.applicant.applications.list.query()).filter(
      (a) => a.applicationNumber === number,
    );
    expect(listed).toMatchObject({ status: 'favorable', statusLabel: 'Décision favorable' });
  });
});

describe('backoffice.push: idempotency, conflicts and refusals', () => {
  let number: string;
  beforeAll(async () => {
    const applicant = await activeApplicant(server.url);
    number = (await submitted(server.url, applicant)).applicationNumber;
  });

  it('applies the same id once and gives the first outcome back', async () => {
    const start = mutation('startReview', number, 1);
    const [first] = await push(agent, start);
    const [again] = await push(agent, start);
    const [inBatch] = (await push(agent, start, start)).slice(1);
    expect(first).toEqual({ id: start.id, outcome: 'applied', version: 2 });
    expect(again).toEqual({ id: start.id, outcome: 'duplicate', version: 2 });
    expect(inBatch).toEqual({ id: start.id, outcome: 'duplicate', version: 2 });
    const updates = (await changesOf(number)).filter((c) => c.type === 'application.updated');
    expect(updates).toHaveLength(1);

    const refused = mutation('decideUnfavorable', number, 2, {});
    const [no] = await push(agent, refused);
    const [stillNo] = await push(agent, refused);
    expect(no?.outcome).toBe('rejected');
    expect(stillNo).toEqual(no);
  });

  it('answers conflict to a stale base version, with the current version', async () => {
    const [result] = await push(agent, mutation('sendMessage', number, 1, { text: 'Bonjour' }));
    expect(result).toMatchObject({ outcome: 'conflict', version: 2 });
    expect(result?.reason).toContain('version actuelle : 2');
  });

  it('lets one of two concurrent pushes on a dossier win; the other is a conflict', async () => {
    const applicant = await activeApplicant(server.url);
    const fresh = (await submitted(server.url, applicant)).applicationNumber;
    const [a, b] = await Promise.all([
      push(agent, mutation('startReview', fresh, 1)),
      push(supervisor, mutation('closeWithdrawn', fresh, 1)),
    ]);
    const outcomes = [a[0]?.outcome, b[0]?.outcome].sort();
    expect(outcomes).toEqual(['applied', 'conflict']);
    const updates = (await changesOf(fresh)).filter((c) => c.type === 'application.updated');
    expect(updates).toHaveLength(1);
  });

  it('rejects an illegal transition with the state machine’s reason', async () => {
    const applicant = await activeApplicant(server.url);
    const fresh = (await submitted(server.url, applicant)).applicationNumber;
    const [decide] = await push(
      agent,
      mutation('decideUnfavorable', fresh, 1, { motivation: 'Pièces insuffisantes.' }),
    );
    expect(decide).toMatchObject({
      outcome: 'rejected',
      reason: "Cette action n'est pas possible pour un dossier au statut « Déposé, à instruire ».",
    });
    const [other] = await push(
      agent,
      mutation('assign', fresh, 1, { agentId: supervisor.agentId }),
    );
    expect(other?.reason).toContain("Un agent ne peut attribuer un dossier qu'à lui-même");
    // Giving a dossier to someone else needs a reason, shown to the agents concerned.
    const [noReason] = await push(
      supervisor,
      mutation('assign', fresh, 1, { agentId: agent.agentId, reason: '   ' }),
    );
    expect(noReason).toMatchObject({
      outcome: 'rejected',
      issues: [
        {
          path: 'payload.reason',
          message: 'Le champ « Motif de la réattribution » est obligatoire.',
        },
      ],
    });
    const [omitted] = await push(
      supervisor,
      mutation('assign', fresh, 1, { agentId: agent.agentId }),
    );
    expect(omitted).toMatchObject({
      outcome: 'rejected',
      reason: "Indiquez le motif de l'attribution du dossier à un autre agent.",
      issues: [{ path: 'payload.reason', code: 'reason_missing' }],
    });
    const [bySupervisor] = await push(
      supervisor,
      mutation('assign', fresh, 1, {
        agentId: agent.agentId,
        reason: '  Renfort sur le secteur  ',
      }),
    );
    expect(bySupervisor).toMatchObject({ outcome: 'applied', version: 2 });
    const assignment = (await changesOf(fresh)).find((c) => c.type === 'assignment.changed');
    expect(assignment?.data).toMatchObject({
      assignedAgentId: agent.agentId,
      assignedAgentName: 'Camille Lefebvre',
      by: { id: supervisor.agentId },
      reason: 'Renfort sur le secteur',
    });
  });

  it('rejects dates that break the validity rules, and attestations it does not hold', async () => {
    const applicant = await activeApplicant(server.url);
    const fresh = (await submitted(server.url, applicant)).applicationNumber;
    await push(agent, mutation('startReview', fresh, 1));
    const pdf = await attestation(agent);
    const validity = prolongationValidity(today());
    const cases: [object, string][] = [
      [
        { ...validity, validTo: addDays(validity.validTo, 1), attestationSha256: pdf.sha256 },
        "L'attestation de prolongation est valable 3 mois",
      ],
      [
        { ...prolongationValidity(addDays(today(), 2)), attestationSha256: pdf.sha256 },
        "ne peut pas être postérieure à aujourd'hui",
      ],
      [
        { ...prolongationValidity('2020-01-01'), attestationSha256: pdf.sha256 },
        'ne peut pas être antérieure au dépôt',
      ],
      [{ ...validity, attestationSha256: 'e'.repeat(64) }, "n'a pas été déposée sur le portail"],
    ];
    for (const [payload, reason] of cases) {
      const [result] = await push(agent, mutation('issueProlongation', fresh, 2, payload));
      expect(result?.outcome).toBe('rejected');
      expect(result?.reason).toContain(reason);
    }
    const png = await upload(server.url, agent.token, distinctPng(), 'scan.png');
    const [notPdf] = await push(
      agent,
      mutation('issueProlongation', fresh, 2, { ...validity, attestationSha256: png.sha256 }),
    );
    expect(notPdf?.reason).toBe("L'attestation doit être un fichier PDF.");
    const card = cardValidity(today(), 12);
    const [wrongCard] = await push(
      agent,
      mutation('decideFavorable', fresh, 2, {
        decisionDate: today(),
        cardValidFrom: today(),
        cardValidTo: card.validTo,
        attestationSha256: pdf.sha256,
      }),
    );
    expect(wrongCard?.reason).toMatch(
      /^Pour une décision du .*, la carte est valable du .* au .*\.$/,
    );
    // Nothing of it was applied.
    const [ok] = await push(
      agent,
      mutation('decideFavorable', fresh, 2, {
        decisionDate: today(),
        cardValidFrom: card.validFrom,
        cardValidTo: card.validTo,
        attestationSha256: pdf.sha256,
      }),
    );
    expect(ok).toMatchObject({ outcome: 'applied', version: 3 });
  });

  it('rejects an unknown type, a bad payload, a future instant and another service’s dossier', async () => {
    const [unknown] = await push(agent, mutation('approveEverything', number, 2));
    expect(unknown?.reason).toBe("Type d'action inconnu : « approveEverything ».");
    const [payload] = await push(agent, mutation('requestSupplement', number, 2, { items: [] }));
    expect(payload).toMatchObject({
      outcome: 'rejected',
      issues: [
        { path: 'payload.items', message: 'Indiquez au moins un justificatif à compléter.' },
      ],
    });
    const [unknownDocument] = await push(
      agent,
      mutation('requestSupplement', number, 2, {
        items: [{ documentKey: 'photo', observation: 'x' }],
      }),
    );
    expect(unknownDocument?.reason).toContain('« photo »');
    const future = {
      ...mutation('sendMessage', number, 2, { text: 'x' }),
      at: new Date(clock.now().getTime() + DAY_MS).toISOString(),
    };
    expect((await push(agent, future))[0]?.reason).toBe(
      "L'action est datée dans le futur : vérifiez l'horloge du poste.",
    );
    const paris = await loggedAgent(server.url, { serviceCode: '75' });
    const [elsewhere] = await push(paris, mutation('startReview', number, 2));
    expect(elsewhere?.reason).toBe(
      `Le dossier n° ${number} n'existe pas ou ne relève pas de votre service.`,
    );
    const reused = await push(paris, { ...future });
    expect(reused[0]?.reason).toBe(
      "Cet identifiant d'action a déjà été utilisé par un autre agent.",
    );
  });

  it('refuses a malformed envelope whole, and more than 100 mutations', async () => {
    const bad = await failure(
      agent.client.backoffice.push.mutate({
        mutations: [{ ...mutation('startReview', number, 2), id: 'pas-un-uuid' }],
      }),
    );
    expect(bad.data?.issues?.[0]).toMatchObject({
      path: 'mutations.0.id',
      message: "L'identifiant de l'action doit être un UUID.",
    });
    const many = Array.from({ length: 101 }, () => mutation('startReview', number, 2));
    expect(
      (await failure(agent.client.backoffice.push.mutate({ mutations: many }))).data?.code,
    ).toBe('BAD_REQUEST');
  });
});

describe('closing an unanswered supplement request', () => {
  it('waits for the 30 days that start when the applicant opens the request', async () => {
    const applicant = await activeApplicant(server.url);
    const number = (await submitted(server.url, applicant)).applicationNumber;
    await push(
      agent,
      mutation('startReview', number, 1),
      mutation('requestSupplement', number, 2, {
        items: [{ documentKey: 'identity', observation: 'Illisible.' }],
      }),
    );
    const [unread] = await push(agent, mutation('closeIncomplete', number, 3));
    expect(unread?.reason).toContain("n'a pas encore ouvert la demande de complément");
    const [notice] = await applicant.client.applicant.notifications.list.query();
    await applicant.client.applicant.notifications.open.mutate({ id: notice!.id });
    const [early] = await push(agent, mutation('closeIncomplete', number, 3));
    expect(early?.reason).toMatch(
      /^Le demandeur peut répondre à la demande de complément jusqu'au \d{2}\/\d{2}\/\d{4} inclus\.$/,
    );
    clock.advance(31 * DAY_MS);
    // Sessions last 8 hours: a month later, both log in again.
    const expired = await failure(agent.client.backoffice.me.query());
    expect(expired.message).toBe('Votre session a expiré. Veuillez vous reconnecter.');
    const back = await server
      .client()
      .backoffice.login.mutate({ login: agent.login, password: AGENT_PASSWORD });
    agent = { ...agent, token: back.token, client: portalClient(server.url, back.token) };
    const again = await server
      .client()
      .applicant.login.mutate({ login: applicant.email, password: APPLICANT_PASSWORD });
    applicant.client = portalClient(server.url, again.token);
    const [closed] = await push(agent, mutation('closeIncomplete', number, 3));
    expect(closed).toMatchObject({ outcome: 'applied', version: 4 });
    const late = await failure(
      applicant.client.applicant.supplements.answer.mutate({
        notificationId: notice!.id,
        answers: [{ documentKey: 'identity', action: 'maintain', reason: 'trop tard' }],
      }),
    );
    expect(late.data?.code).toBe('CONFLICT');
    expect(late.message).toBe('Ce dossier est clôturé.');
    // The applicant is told, as the agent's confirmation said.
    const [closure] = await applicant.client.applicant.notifications.list.query();
    expect(closure?.title).toBe('Clôture de votre demande');
    const opened = await applicant.client.applicant.notifications.open.mutate({ id: closure!.id });
    expect(opened.body).toContain(`n° ${number} a été clôturée`);
  });
});

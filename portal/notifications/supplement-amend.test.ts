import { beforeAll, describe, expect, it } from 'vitest';
import { formatParisDate } from '../../shared/dates/format';
import { activeApplicant, failure, loggedAgent, submitted, usePortal } from '../testing/harness';
import { mutationBuilder } from '../testing/push-mutation';

const server = usePortal();

type Applicant = Awaited<ReturnType<typeof activeApplicant>>;
let agent: Awaited<ReturnType<typeof loggedAgent>>;

beforeAll(async () => {
  agent = await loggedAgent(server.url);
});

const mutation = mutationBuilder();

async function push(...mutations: ReturnType<typeof mutation>[]) {
  return (await agent.client.backoffice.push.mutate({ mutations })).results;
}

async function changesOf(applicationNumber: string) {
  const { changes } = await agent.client.backoffice.changes.query({ after: null, limit: 500 });
  return changes.filter((change) => change.applicationNumber === applicationNumber);
}

const FIRST_ITEMS = [
  {
    documentKey: 'nationality',
    observation: 'Veuillez fournir une copie lisible de votre passeport.',
  },
];
const AMENDED_ITEMS = [
  { documentKey: 'residence', observation: 'Le justificatif de domicile a plus de 6 mois.' },
  { documentKey: 'identity', observation: 'La photo de la pièce est illisible.' },
];

/** A dossier under review with an unread supplement request on nationality (version 3). */
async function requested(applicant: Applicant) {
  const { applicationNumber, applicationId } = await submitted(server.url, applicant);
  const results = await push(
    mutation('startReview', applicationNumber, 1),
    mutation('requestSupplement', applicationNumber, 2, { items: FIRST_ITEMS }),
  );
  expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
  const [notice] = await applicant.client.applicant.notifications.list.query();
  return { applicationNumber, applicationId, notificationId: notice!.id };
}

const maintainAll = (keys: string[]) =>
  keys.map((documentKey) => ({ documentKey, action: 'maintain' as const, reason: 'Déjà fourni.' }));

async function notificationMails(applicant: Applicant) {
  const mails = await server.client().dev.mailbox.query({ email: applicant.email });
  return mails.filter((m) => m.subject === 'Nouvelle notification dans votre espace personnel');
}

describe('amendSupplement', () => {
  it('replaces an unread request: the applicant finds only the new one, and gets no second e-mail', async () => {
    const applicant = await activeApplicant(server.url);
    const first = await requested(applicant);
    const [amended] = await push(
      mutation('amendSupplement', first.applicationNumber, 3, { items: AMENDED_ITEMS }),
    );
    expect(amended).toMatchObject({ outcome: 'applied', version: 4 });

    const notices = await applicant.client.applicant.notifications.list.query();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'supplement_request', readAt: null });
    expect(notices[0]?.id).not.toBe(first.notificationId);
    const opened = await applicant.client.applicant.notifications.open.mutate({
      id: notices[0]!.id,
    });
    expect(opened.supplementRequest?.items).toMatchObject([
      { documentKey: 'residence', observation: 'Le justificatif de domicile a plus de 6 mois.' },
      { documentKey: 'identity', observation: 'La photo de la pièce est illisible.' },
    ]);
    expect(opened.body).toContain('La photo de la pièce est illisible.');
    expect(opened.body).not.toContain('passeport');
    expect(await notificationMails(applicant)).toHaveLength(1);

    // The replaced one is gone: it cannot be opened nor answered.
    const gone = await failure(
      applicant.client.applicant.notifications.open.mutate({ id: first.notificationId }),
    );
    expect(gone.data?.code).toBe('NOT_FOUND');
    const stale = await failure(
      applicant.client.applicant.supplements.answer.mutate({
        notificationId: first.notificationId,
        answers: maintainAll(['nationality']),
      }),
    );
    expect(stale.data?.code).toBe('CONFLICT');
    expect(stale.message).toBe(
      "Cette demande de complément a été retirée ou remplacée par l'agent instructeur : elle n'appelle plus de réponse. Consultez vos notifications.",
    );

    // The change log lets a workstation follow the chain of requests.
    const updates = (await changesOf(first.applicationNumber)).filter(
      (c) => c.type === 'application.updated',
    );
    const requestEntry = updates.find((c) => c.data['event'] === 'requestSupplement');
    const amendEntry = updates.at(-1);
    expect(amendEntry).toMatchObject({
      version: 4,
      data: {
        event: 'amendSupplement',
        status: 'supplement_requested',
        previousStatus: 'supplement_requested',
        previousSupplementRequestId: requestEntry?.data['supplementRequestId'],
        supplementRequestId: opened.supplementRequest?.id,
        notification: { id: notices[0]!.id, kind: 'supplement_request' },
        payload: { items: AMENDED_ITEMS },
      },
    });
    expect(amendEntry?.data['supplementRequestId']).not.toBe(
      requestEntry?.data['supplementRequestId'],
    );

    // The new request is the pending one: answering it works.
    await applicant.client.applicant.supplements.answer.mutate({
      notificationId: notices[0]!.id,
      answers: maintainAll(['residence', 'identity']),
    });
    const [listed] = await applicant.client.applicant.applications.list.query();
    expect(listed?.status).toBe('supplement_answered');
  });

  it('is refused once the applicant opened the request, with the date of the reading', async () => {
    const applicant = await activeApplicant(server.url);
    const first = await requested(applicant);
    const opened = await applicant.client.applicant.notifications.open.mutate({
      id: first.notificationId,
    });
    const reason = `Le demandeur a ouvert la demande de complément le ${formatParisDate(new Date(opened.readAt!))} : elle ne peut plus être modifiée ni retirée.`;
    const [amend, withdraw] = await push(
      mutation('amendSupplement', first.applicationNumber, 3, { items: AMENDED_ITEMS }),
      mutation('withdrawSupplement', first.applicationNumber, 3),
    );
    expect(amend).toMatchObject({ outcome: 'rejected', reason });
    expect(withdraw).toMatchObject({ outcome: 'rejected', reason });
    const notices = await applicant.client.applicant.notifications.list.query();
    expect(notices.map((n) => n.id)).toEqual([first.notificationId]);
  });

  it('applies the same id once, answers conflict to a stale version, and checks the items', async () => {
    const applicant = await activeApplicant(server.url);
    const first = await requested(applicant);
    const amend = mutation('amendSupplement', first.applicationNumber, 3, { items: AMENDED_ITEMS });
    const [applied] = await push(amend);
    const [again] = await push(amend);
    expect(applied).toEqual({ id: amend.id, outcome: 'applied', version: 4 });
    expect(again).toEqual({ id: amend.id, outcome: 'duplicate', version: 4 });
    expect(await applicant.client.applicant.notifications.list.query()).toHaveLength(1);

    const [stale] = await push(
      mutation('amendSupplement', first.applicationNumber, 3, { items: FIRST_ITEMS }),
    );
    expect(stale).toMatchObject({ outcome: 'conflict', version: 4 });

    const [twice] = await push(
      mutation('amendSupplement', first.applicationNumber, 4, {
        items: [FIRST_ITEMS[0], FIRST_ITEMS[0]],
      }),
    );
    expect(twice?.reason).toBe(
      'Un même justificatif est demandé deux fois : regroupez les observations.',
    );
    const [empty] = await push(
      mutation('amendSupplement', first.applicationNumber, 4, { items: [] }),
    );
    expect(empty).toMatchObject({
      outcome: 'rejected',
      issues: [
        { path: 'payload.items', message: 'Indiquez au moins un justificatif à compléter.' },
      ],
    });
  });

  it('either wins against the applicant opening at the same time, never both', async () => {
    const applicant = await activeApplicant(server.url);
    const first = await requested(applicant);
    const [opening, [result]] = await Promise.all([
      applicant.client.applicant.notifications.open.mutate({ id: first.notificationId }).then(
        () => 'opened' as const,
        (error: unknown) => error,
      ),
      push(mutation('amendSupplement', first.applicationNumber, 3, { items: AMENDED_ITEMS })),
    ]);
    if (opening === 'opened') {
      expect(result?.outcome).toBe('rejected');
    } else {
      expect(result?.outcome).toBe('applied');
      expect(opening).toMatchObject({ data: { code: 'NOT_FOUND' } });
    }
  });
});

describe('withdrawSupplement', () => {
  it('withdraws an unread request: back to review, notification gone, no answer accepted', async () => {
    const applicant = await activeApplicant(server.url);
    const first = await requested(applicant);
    const [withdrawn] = await push(mutation('withdrawSupplement', first.applicationNumber, 3));
    expect(withdrawn).toMatchObject({ outcome: 'applied', version: 4 });

    const [listed] = await applicant.client.applicant.applications.list.query();
    expect(listed?.status).toBe('in_review');
    expect(await applicant.client.applicant.notifications.list.query()).toEqual([]);
    const refused = await failure(
      applicant.client.applicant.supplements.answer.mutate({
        notificationId: first.notificationId,
        answers: maintainAll(['nationality']),
      }),
    );
    expect(refused.data?.code).toBe('CONFLICT');
    expect(refused.message).toContain('a été retirée ou remplacée');

    const updates = (await changesOf(first.applicationNumber)).filter(
      (c) => c.type === 'application.updated',
    );
    const requestEntry = updates.find((c) => c.data['event'] === 'requestSupplement');
    expect(updates.at(-1)?.data).toMatchObject({
      event: 'withdrawSupplement',
      status: 'in_review',
      previousStatus: 'supplement_requested',
      previousSupplementRequestId: requestEntry?.data['supplementRequestId'],
    });
    expect(updates.at(-1)?.data).not.toHaveProperty('supplementRequestId');

    // Nothing is pending any more: a second withdrawal is refused, a new request is possible.
    const [again, fresh] = await push(
      mutation('withdrawSupplement', first.applicationNumber, 4),
      mutation('requestSupplement', first.applicationNumber, 4, { items: AMENDED_ITEMS }),
    );
    expect(again?.outcome).toBe('rejected');
    expect(fresh).toMatchObject({ outcome: 'applied', version: 5 });
    expect(await applicant.client.applicant.notifications.list.query()).toHaveLength(1);
    expect(await notificationMails(applicant)).toHaveLength(2);
  });
});

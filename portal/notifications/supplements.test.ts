import { beforeAll, describe, expect, it } from 'vitest';
import {
  activeApplicant,
  distinctPng,
  failure,
  loggedAgent,
  submitted,
  upload,
  usePortal,
} from '../testing/harness';
import { mutationBuilder } from '../testing/push-mutation';

const server = usePortal();
const mutation = mutationBuilder();

type Applicant = Awaited<ReturnType<typeof activeApplicant>>;
let agent: Awaited<ReturnType<typeof loggedAgent>>;

beforeAll(async () => {
  agent = await loggedAgent(server.url);
});

async function push(
  applicationNumber: string,
  baseVersion: number,
  type: string,
  payload: object = {},
) {
  const { results } = await agent.client.backoffice.push.mutate({
    mutations: [mutation(type, applicationNumber, baseVersion, payload)],
  });
  expect(results[0]?.outcome).toBe('applied');
}

/** A submitted dossier under review, with a supplement request on nationality and residence. */
async function requested(applicant: Applicant) {
  const { applicationNumber, applicationId } = await submitted(server.url, applicant);
  await push(applicationNumber, 1, 'startReview');
  await push(applicationNumber, 2, 'requestSupplement', {
    items: [
      {
        documentKey: 'nationality',
        observation: 'Veuillez fournir une copie lisible de votre passeport.',
      },
      { documentKey: 'residence', observation: 'Justificatif trop ancien.' },
    ],
  });
  const [notice] = await applicant.client.applicant.notifications.list.query();
  return { applicationNumber, applicationId, notificationId: notice!.id };
}

describe('applicant.supplements.answer', () => {
  let applicant: Applicant;
  let request: Awaited<ReturnType<typeof requested>>;
  let file: string;

  beforeAll(async () => {
    applicant = await activeApplicant(server.url);
    request = await requested(applicant);
    file = (await upload(server.url, applicant.token, distinctPng(), 'passeport.png')).sha256;
  });

  const maintain = (documentKey: string, reason = 'La copie comporte 2 pages') =>
    ({ documentKey, action: 'maintain', reason }) as const;

  it.each([
    [
      'a document left unanswered',
      () => [maintain('nationality')],
      {
        path: 'answers',
        code: 'answer_missing',
        message:
          'Veuillez maintenir ou mettre à jour le justificatif « Justificatif de domicile datant de moins de 6 mois ».',
      },
    ],
    [
      'two answers for one document',
      () => [maintain('nationality'), maintain('nationality'), maintain('residence')],
      { path: 'answers.1.documentKey', code: 'answer_duplicate' },
    ],
    [
      'a document that was not requested',
      () => [maintain('nationality'), maintain('residence'), maintain('identity')],
      { path: 'answers.2.documentKey', code: 'document_not_requested' },
    ],
    [
      'a maintained document without its reason',
      () => [maintain('nationality', '  '), maintain('residence')],
      {
        path: 'answers.0.reason',
        message: 'Veuillez préciser les raisons du maintien du document.',
      },
    ],
    [
      'an update with four files',
      () => [
        { documentKey: 'nationality', action: 'update', files: [file, file, file, file] },
        maintain('residence'),
      ],
      {
        path: 'answers.0.files',
        message: 'Vous pouvez joindre 3 fichiers au maximum par justificatif.',
      },
    ],
    [
      'an update without a file',
      () => [{ documentKey: 'nationality', action: 'update', files: [] }, maintain('residence')],
      {
        path: 'answers.0.files',
        message: 'Joignez au moins un fichier pour mettre à jour le document.',
      },
    ],
    [
      'an update with a file never uploaded',
      () => [
        { documentKey: 'nationality', action: 'update', files: ['c'.repeat(64)] },
        maintain('residence'),
      ],
      { path: 'answers.0.files.0', code: 'file_unknown' },
    ],
  ] as const)('refuses %s, and stores nothing', async (_name, answers, expected) => {
    const error = await failure(
      applicant.client.applicant.supplements.answer.mutate({
        notificationId: request.notificationId,
        answers: answers() as never,
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.issues).toContainEqual(expect.objectContaining(expected));
    const [listed] = await applicant.client.applicant.applications.list.query();
    expect(listed?.status).toBe('supplement_requested');
    const [notice] = await applicant.client.applicant.notifications.list.query();
    expect(notice?.readAt).toBeNull();
  });

  it('refuses another applicant’s file in an update', async () => {
    const other = await activeApplicant(server.url);
    const theirs = (await upload(server.url, other.token, distinctPng(), 'autre.png')).sha256;
    const error = await failure(
      applicant.client.applicant.supplements.answer.mutate({
        notificationId: request.notificationId,
        answers: [
          { documentKey: 'nationality', action: 'update', files: [theirs] },
          maintain('residence'),
        ],
      }),
    );
    expect(error.data?.issues).toEqual([
      expect.objectContaining({ path: 'answers.0.files.0', code: 'file_unknown' }),
    ]);
  });

  it('accepts one answer per document; answering acknowledges receipt if not opened yet', async () => {
    const result = await applicant.client.applicant.supplements.answer.mutate({
      notificationId: request.notificationId,
      answers: [
        { documentKey: 'nationality', action: 'update', files: [file], message: 'Nouvelle copie.' },
        maintain('residence'),
      ],
    });
    expect(result.documents).toEqual([{ documentKey: 'nationality', version: 2 }]);
    const [notice] = await applicant.client.applicant.notifications.list.query();
    expect(notice?.readAt).not.toBeNull();
    const opened = await applicant.client.applicant.notifications.open.mutate({
      id: request.notificationId,
    });
    expect(opened.supplementRequest).toMatchObject({ answered: true });
    const application = await applicant.client.applicant.applications.get.query({
      applicationId: request.applicationId,
    });
    expect(application.status).toBe('supplement_answered');
    expect(
      application.documents
        .filter((d) => d.documentKey === 'nationality')
        .map((d) => [d.version, d.source]),
    ).toEqual([
      [1, 'submission'],
      [2, 'supplement'],
    ]);
    const { changes } = await agent.client.backoffice.changes.query({ after: null, limit: 500 });
    const types = changes
      .filter((c) => c.applicationNumber === request.applicationNumber)
      .map((c) => c.type);
    expect(types.slice(-3)).toEqual([
      'notification.read',
      'supplement.answered',
      'application.updated',
    ]);
  });

  it('says a notification that asks for nothing cannot be answered', async () => {
    const other = await activeApplicant(server.url);
    const { applicationNumber } = await submitted(server.url, other);
    await push(applicationNumber, 1, 'sendMessage', { text: 'Votre dossier est bien reçu.' });
    const [notice] = await other.client.applicant.notifications.list.query();
    const error = await failure(
      other.client.applicant.supplements.answer.mutate({
        notificationId: notice!.id,
        answers: [maintain('identity')],
      }),
    );
    expect(error.message).toBe("Cette notification n'appelle pas de réponse.");
  });
});

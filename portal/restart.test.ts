import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startPortal } from './start-portal';
import {
  activeApplicant,
  distinctPng,
  draftReadyToSubmit,
  loggedAgent,
  portalClient,
  submitted,
  tempDir,
  upload,
} from './testing/harness';
import { mutationBuilder } from './testing/push-mutation';

const dir = tempDir();
const answeredDir = tempDir();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(answeredDir, { recursive: true, force: true });
});

/** A backoffice.push mutation, as a workstation's outbox sends it. */
const mutation = mutationBuilder();

/** The SHA-256 of a file as the holder of `token` downloads it. */
async function downloadedSha256(url: string, token: string, sha256: string) {
  const response = await fetch(`${url}/files/${sha256}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return createHash('sha256')
    .update(new Uint8Array(await response.arrayBuffer()))
    .digest('hex');
}

describe('a restart', () => {
  it('keeps accounts, sessions, applications, files, notifications, e-mails and the change log', async () => {
    const first = await startPortal({ dataDir: dir, dev: true });
    const applicant = await activeApplicant(first.url);
    const agent = await loggedAgent(first.url);
    const dossier = await submitted(first.url, applicant);
    const pending = await draftReadyToSubmit(first.url, applicant);
    const { results } = await agent.client.backoffice.push.mutate({
      mutations: [mutation('sendMessage', dossier.applicationNumber, 1, { text: 'Bien reçu.' })],
    });
    expect(results[0]?.outcome).toBe('applied');
    const feed = await agent.client.backoffice.changes.query({ after: null, limit: 500 });
    const mails = await first.portal.repos.mailbox.listFor(applicant.email);
    await first.close();

    const second = await startPortal({ dataDir: dir, dev: true, port: 0 });
    try {
      const sameApplicant = portalClient(second.url, applicant.token);
      const sameAgent = portalClient(second.url, agent.token);
      expect(await sameApplicant.applicant.applications.list.query()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            applicationNumber: dossier.applicationNumber,
            status: 'submitted',
          }),
        ]),
      );
      expect((await sameApplicant.applicant.notifications.list.query()).map((n) => n.kind)).toEqual(
        ['message'],
      );
      expect(await sameAgent.backoffice.changes.query({ after: null, limit: 500 })).toEqual(feed);
      expect(second.portal.repos.mailbox.listFor(applicant.email)).toEqual(mails);
      const pdf = await fetch(`${second.url}/files/${dossier.confirmationSha256}`, {
        headers: { Authorization: `Bearer ${applicant.token}` },
      });
      expect(pdf.status).toBe(200);
      // The day's counter went on from where it was.
      const next = await sameApplicant.applicant.applications.submit.mutate({
        applicationId: pending.applicationId,
      });
      expect(Number(next.applicationNumber.slice(12))).toBe(
        Number(dossier.applicationNumber.slice(12)) + 1,
      );
      // A password login still works.
      expect(
        (
          await portalClient(second.url).backoffice.login.mutate({
            login: agent.login,
            password: 'Agent-Nord-59',
          })
        ).token,
      ).toBeTruthy();
    } finally {
      await second.close();
    }
  });

  it('keeps a notification’s reading, a supplement answer with its new version and files, and each pushed id’s outcome', async () => {
    const first = await startPortal({ dataDir: answeredDir, dev: true });
    const applicant = await activeApplicant(first.url);
    const agent = await loggedAgent(first.url);
    const dossier = await submitted(first.url, applicant);
    const number = dossier.applicationNumber;
    const pushed = [
      mutation('startReview', number, 1),
      mutation('requestSupplement', number, 2, {
        items: [
          { documentKey: 'nationality', observation: 'Copie illisible.' },
          { documentKey: 'residence', observation: 'Justificatif trop ancien.' },
        ],
      }),
      // Refused: a decision needs its dates and attestation.
      mutation('decideUnfavorable', number, 3),
    ];
    const { results } = await agent.client.backoffice.push.mutate({ mutations: pushed });
    expect(results.map((result) => result.outcome)).toEqual(['applied', 'applied', 'rejected']);
    const [notice] = await applicant.client.applicant.notifications.list.query();
    const opened = await applicant.client.applicant.notifications.open.mutate({ id: notice!.id });
    expect(opened.readAt).not.toBeNull();
    const newFile = await upload(first.url, applicant.token, distinctPng(), 'facture.png');
    const answer = await applicant.client.applicant.supplements.answer.mutate({
      notificationId: notice!.id,
      answers: [
        { documentKey: 'nationality', action: 'maintain', reason: 'Seule copie en ma possession' },
        { documentKey: 'residence', action: 'update', files: [newFile.sha256] },
      ],
    });
    expect(answer.documents).toEqual([{ documentKey: 'residence', version: 2 }]);
    const application = await applicant.client.applicant.applications.get.query({
      applicationId: dossier.applicationId,
    });
    const feed = await agent.client.backoffice.changes.query({ after: null, limit: 500 });
    await first.close();

    const second = await startPortal({ dataDir: answeredDir, dev: true });
    try {
      const sameApplicant = portalClient(second.url, applicant.token);
      const sameAgent = portalClient(second.url, agent.token);
      // Read once, at the same instant: opening it again after the restart changes nothing.
      const [listed] = await sameApplicant.applicant.notifications.list.query();
      expect(listed).toMatchObject({ id: notice!.id, readAt: opened.readAt });
      const reopened = await sameApplicant.applicant.notifications.open.mutate({ id: notice!.id });
      expect(reopened.readAt).toBe(opened.readAt);
      expect(reopened.supplementRequest).toMatchObject({ answered: true });

      // The answer and the residence's second version, its file included, as before.
      const again = await sameApplicant.applicant.applications.get.query({
        applicationId: dossier.applicationId,
      });
      expect(again).toMatchObject({ status: 'supplement_answered' });
      expect(again.documents).toEqual(application.documents);
      const residence = again.documents.filter((document) => document.documentKey === 'residence');
      expect(residence.map((document) => [document.version, document.source])).toEqual([
        [1, 'submission'],
        [2, 'supplement'],
      ]);
      expect(residence[1]?.files.map((file) => file.sha256)).toEqual([newFile.sha256]);
      for (const token of [applicant.token, agent.token])
        expect(await downloadedSha256(second.url, token, newFile.sha256)).toBe(newFile.sha256);
      for (const file of residence[0]?.files ?? [])
        expect(await downloadedSha256(second.url, agent.token, file.sha256)).toBe(file.sha256);

      // The same ids pushed again: each comes back with the outcome it had, and nothing is redone.
      const replayed = await sameAgent.backoffice.push.mutate({ mutations: pushed });
      expect(replayed.results).toEqual(
        results.map((result) =>
          result.outcome === 'applied' ? { ...result, outcome: 'duplicate' } : result,
        ),
      );
      expect(replayed.results.slice(0, 2)).toEqual([
        { id: pushed[0]!.id, outcome: 'duplicate', version: 2 },
        { id: pushed[1]!.id, outcome: 'duplicate', version: 3 },
      ]);
      expect(await sameAgent.backoffice.changes.query({ after: null, limit: 500 })).toEqual(feed);
    } finally {
      await second.close();
    }
  });
});

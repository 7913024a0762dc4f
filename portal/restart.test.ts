import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startPortal } from './start-portal';
import {
  activeApplicant,
  draftReadyToSubmit,
  loggedAgent,
  portalClient,
  submitted,
  tempDir,
} from './testing/harness';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a restart', () => {
  it('keeps accounts, sessions, applications, files, notifications, e-mails and the change log', async () => {
    const first = await startPortal({ dataDir: dir, dev: true });
    const applicant = await activeApplicant(first.url);
    const agent = await loggedAgent(first.url);
    const dossier = await submitted(first.url, applicant);
    const pending = await draftReadyToSubmit(first.url, applicant);
    const { results } = await agent.client.backoffice.push.mutate({
      mutations: [
        {
          id: randomUUID(),
          type: 'sendMessage',
          applicationNumber: dossier.applicationNumber,
          baseVersion: 1,
          at: new Date().toISOString(),
          payload: { text: 'Bien reçu.' },
        },
      ],
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
});

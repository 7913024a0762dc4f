import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openPortalDatabase } from '../../db/portal/open-portal-database';
import { parseApplicationNumber } from '../../shared/identifiers/application-number';
import { parisDateOf } from '../../shared/dates/paris-time';
import {
  activeApplicant,
  draftReadyToSubmit,
  failure,
  loggedAgent,
  submitted,
  usePortal,
} from '../testing/harness';

const server = usePortal();

describe('applicant.applications.submit', () => {
  it('numbers, routes and confirms a complete dossier, and publishes it whole', async () => {
    const applicant = await activeApplicant(server.url, {
      civilStatus: { birthName: 'TEST', firstNames: 'DCEM', birthDate: '1990-09-14' },
    });
    const draft = await draftReadyToSubmit(server.url, applicant);
    const result = await applicant.client.applicant.applications.submit.mutate({
      applicationId: draft.applicationId,
    });

    expect(result.applicationNumber).toMatch(/^\d{19}$/);
    const parts = parseApplicationNumber(result.applicationNumber);
    expect(parts.ok && parts.value).toMatchObject({
      departement: '59',
      office: 1,
      date: parisDateOf(new Date(result.submittedAt)),
    });
    expect(result.confirmationSha256).toMatch(/^[0-9a-f]{64}$/);

    // The confirmation PDF is the applicant's to download, and reads as the guide's.
    const pdf = await fetch(`${server.url}/files/${result.confirmationSha256}`, {
      headers: { Authorization: `Bearer ${applicant.token}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(await pdf.arrayBuffer()),
    }).toString();
    expect(text).toContain(result.applicationNumber);
    expect(text).toContain(applicant.foreignerNumber);
    expect(text).toContain('CONFIRMATION DU DÉPÔT');

    // « Mes demandes en cours »
    const [listed] = await applicant.client.applicant.applications.list.query();
    expect(listed).toMatchObject({
      applicationNumber: result.applicationNumber,
      type: 'Demande de vie privée et familiale',
      foreignerNumber: applicant.foreignerNumber,
      status: 'submitted',
      confirmationSha256: result.confirmationSha256,
    });
    expect(listed?.statusLabel).toMatch(/^Demande envoyée : le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/);

    // The acknowledgment e-mail, after the activation one.
    const mails = await server.client().dev.mailbox.query({ email: applicant.email });
    expect(mails.map((mail) => mail.subject)).toEqual([
      'Confirmation de votre adresse e-mail',
      'Enregistrement de votre demande de titre de séjour',
    ]);
    expect(mails[1]?.body).toContain('Bonjour DCEM TEST,');

    // The agents of the Nord see it in their feed, whole.
    const agent = await loggedAgent(server.url, { serviceCode: '59' });
    const feed = await agent.client.backoffice.changes.query({ after: null, limit: 500 });
    const change = feed.changes.find((c) => c.applicationNumber === result.applicationNumber);
    expect(change).toMatchObject({ type: 'application.submitted', version: 1 });
    const data = change?.data as Record<string, unknown>;
    expect(data).toMatchObject({
      status: 'submitted',
      serviceCode: '59',
      foreignerNumber: applicant.foreignerNumber,
      applicantName: 'TEST DCEM',
      confirmation: { sha256: result.confirmationSha256, mime: 'application/pdf' },
    });
    expect(
      (data['dossier'] as { personal: { contact: { phone: string } } }).personal.contact.phone,
    ).toBe('+33601020304');
    const documents = data['documents'] as {
      documentKey: string;
      version: number;
      files: unknown[];
    }[];
    expect(documents.map((d) => d.documentKey).sort()).toEqual([
      'complaint',
      'identity',
      'nationality',
      'residence',
    ]);
    expect(documents.every((d) => d.version === 1 && d.files.length === 1)).toBe(true);
    expect((data['files'] as unknown[]).length).toBe(5);

    // And the agent may read its files.
    const identity = draft.files['identity']?.[0]?.sha256;
    const asAgent = await fetch(`${server.url}/files/${identity}`, {
      headers: { Authorization: `Bearer ${agent.token}` },
    });
    expect(asAgent.status).toBe(200);
  });

  it('is done once: a second submit and any later saveStep are refused', async () => {
    const applicant = await activeApplicant(server.url);
    const { applicationId } = await submitted(server.url, applicant);
    const again = await failure(
      applicant.client.applicant.applications.submit.mutate({ applicationId }),
    );
    expect(again.data?.code).toBe('CONFLICT');
    expect(again.message).toContain('déjà été déposée');
    const edit = await failure(
      applicant.client.applicant.applications.saveStep.mutate({
        applicationId,
        step: 'deposit',
        data: { observations: 'trop tard' },
      }),
    );
    expect(edit.data?.code).toBe('CONFLICT');
  });

  it('gives unique numbers to concurrent submissions, in sequence', async () => {
    const applicants = await Promise.all(
      Array.from({ length: 6 }, () => activeApplicant(server.url)),
    );
    const drafts = await Promise.all(
      applicants.map((applicant) => draftReadyToSubmit(server.url, applicant)),
    );
    // The same application twice as well: one of the two is refused.
    const results = await Promise.allSettled([
      ...drafts.map((draft, i) =>
        applicants[i]!.client.applicant.applications.submit.mutate({
          applicationId: draft.applicationId,
        }),
      ),
      applicants[0]!.client.applicant.applications.submit.mutate({
        applicationId: drafts[0]!.applicationId,
      }),
    ]);
    const numbers = results.flatMap((r) =>
      r.status === 'fulfilled' ? [r.value.applicationNumber] : [],
    );
    expect(numbers).toHaveLength(6);
    expect(new Set(numbers).size).toBe(6);
    const sequences = numbers.map((n) => Number(n.slice(12))).sort((a, b) => a - b);
    expect(sequences.at(-1)! - sequences[0]!).toBe(5);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);

    // In the database: each number once, each with exactly one change-log entry.
    const db = openPortalDatabase(`${server.portal.db.name}`);
    try {
      for (const number of numbers) {
        const entries = db
          .prepare(
            "SELECT count(*) FROM change_log WHERE application_number = ? AND type = 'application.submitted'",
          )
          .pluck()
          .get(number);
        expect(entries).toBe(1);
      }
    } finally {
      db.close();
    }
  });
});

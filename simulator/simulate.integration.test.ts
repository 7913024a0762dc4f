import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPortal, type RunningPortal } from '../portal/start-portal';
import { main } from './cli';
import { portalClient } from './portal-client';
import { simulate, summaryLine } from './simulate';

/** One answer of a `supplement.answered` change (portal/notifications/supplement-answers.ts). */
type DocumentAnswer = {
  documentKey: string;
  action: 'maintain' | 'update';
  reason?: string;
  documentVersion?: number;
  files?: { sha256: string; name: string; mime: string }[];
};

/** A real portal (HTTP on 127.0.0.1, port 0, temporary data folder) and the simulator against it. */
describe('simulator against a running portal', () => {
  let running: RunningPortal;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'instructeur-simulator-'));
    running = await startPortal({ dataDir, port: 0, host: '127.0.0.1', dev: true });
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const seed = 'integration';

  it('creates 3 applicants who submit complete dossiers', async () => {
    const lines: string[] = [];
    const summary = await simulate({
      portal: running.url,
      applicants: 3,
      seed,
      answerSupplements: false,
      concurrency: 3,
      log: (line) => lines.push(line),
    });
    expect(summary.failures).toEqual([]);
    expect(summary).toMatchObject({ applicants: 3, submitted: 3, answers: 0 });
    expect(summary.files).toBeGreaterThanOrEqual(3 * 4);
    expect(summary.bytes).toBeGreaterThan(0);
    expect(lines).toHaveLength(3);
    expect(summaryLine(summary, seed)).toMatch(
      /^Simulation terminée : 3 demandeur\(s\), 3 demande\(s\) déposée\(s\), \d+ fichier\(s\) envoyé\(s\) \(\d+,\d Mo\), 0 réponse\(s\) à des demandes de complément, en \d+,\d s \(graine integration\)\.$/,
    );
  }, 120_000);

  it('answers the supplement requests an agent sent, once', async () => {
    const visitor = portalClient(running.url);
    await visitor.trpc.dev.createAgent.mutate({
      name: 'Agente Exemple',
      role: 'agent',
      password: 'Agente-Exemple-1!',
      serviceCode: '59',
    });
    const { token } = await visitor.trpc.backoffice.login.mutate({
      login: 'agente.exemple',
      password: 'Agente-Exemple-1!',
    });
    const agent = portalClient(running.url, token);
    const { changes } = await agent.trpc.backoffice.changes.query({ after: null, limit: 100 });
    const submitted = changes.filter((change) => change.type === 'application.submitted');
    // Applicants 1 and 2 of the coverage list live in the Nord: this agent's service.
    expect(submitted.length).toBeGreaterThanOrEqual(2);
    for (const change of submitted) {
      const at = new Date().toISOString();
      const { results } = await agent.trpc.backoffice.push.mutate({
        mutations: [
          {
            id: randomUUID(),
            type: 'startReview',
            applicationNumber: change.applicationNumber,
            baseVersion: change.version,
            at,
            payload: {},
          },
          {
            id: randomUUID(),
            type: 'requestSupplement',
            applicationNumber: change.applicationNumber,
            baseVersion: change.version + 1,
            at,
            payload: {
              items: [
                {
                  documentKey: 'nationality',
                  observation: 'Veuillez fournir une copie lisible de votre passeport.',
                },
                {
                  documentKey: 'residence',
                  observation: 'Le justificatif de domicile doit dater de moins de 6 mois.',
                },
              ],
            },
          },
        ],
      });
      expect(results.map((result) => result.outcome)).toEqual(['applied', 'applied']);
    }

    const answered = await simulate({
      portal: running.url,
      applicants: 3,
      seed,
      answerSupplements: true,
      concurrency: 2,
    });
    expect(answered.failures).toEqual([]);
    expect(answered).toMatchObject({ applicants: 3, submitted: 0, answers: submitted.length });

    const after = await agent.trpc.backoffice.changes.query({ after: null, limit: 500 });
    const answeredChanges = after.changes.filter((change) => change.type === 'supplement.answered');
    expect(answeredChanges).toHaveLength(submitted.length);
    // One answer per requested document, of both kinds across the dossiers: kept with the
    // applicant's reason, or replaced by new files (the document's version 2).
    const answers = answeredChanges.flatMap((change) => {
      const list = change.data.answers as DocumentAnswer[];
      expect(list.map((item) => item.documentKey).sort()).toEqual(['nationality', 'residence']);
      return list.map((item) => ({ ...item, applicationNumber: change.applicationNumber }));
    });
    const maintained = answers.filter((item) => item.action === 'maintain');
    const updated = answers.filter((item) => item.action === 'update');
    expect(maintained.length).toBeGreaterThanOrEqual(1);
    expect(updated.length).toBeGreaterThanOrEqual(1);
    expect(maintained.length + updated.length).toBe(answers.length);
    for (const item of maintained) expect(item.reason?.trim()).toBeTruthy();
    const newFiles = updated.flatMap((item) => item.files ?? []);
    expect(answered.files).toBe(newFiles.length);
    for (const item of updated) {
      expect(item.documentVersion).toBe(2);
      expect(item.files?.length).toBeGreaterThanOrEqual(1);
      // Newly drawn: none of the files sent with the dossier, and the agent can read each one.
      const filed = submitted.find((change) => change.applicationNumber === item.applicationNumber);
      for (const file of item.files ?? []) {
        expect(JSON.stringify(filed?.data)).not.toContain(file.sha256);
        const download = await fetch(`${running.url}/files/${file.sha256}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(download.status).toBe(200);
        expect(download.headers.get('content-type')).toBe(file.mime);
        await download.arrayBuffer();
      }
    }

    // Nothing left to answer: a second pass sends nothing.
    const again = await simulate({
      portal: running.url,
      applicants: 3,
      seed,
      answerSupplements: true,
      concurrency: 2,
    });
    expect(again).toMatchObject({ answers: 0, failures: [] });
  }, 120_000);

  it('still reaches the portal after drawing papers held it busy longer than an idle connection lives', async () => {
    // The portal closes a connection idle for 5 s; drawing an applicant's files can take longer.
    const hold = (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end);
    };
    const client = portalClient(running.url);
    for (let round = 0; round < 2; round += 1) {
      await client.trpc.dev.mailbox.query({ email: 'personne@example.com' });
      hold(5_500);
    }
    expect(await client.trpc.dev.mailbox.query({ email: 'personne@example.com' })).toEqual([]);
  }, 30_000);

  it('runs from the command line: exit code 0 and the summary line', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      expect(await main(['--portal', running.url, '--applicants', '1', '--seed', 'cli'])).toBe(0);
      expect(info.mock.calls.at(-1)?.[0]).toMatch(
        /^Simulation terminée : 1 demandeur\(s\), 1 demande\(s\) déposée\(s\)/,
      );
    } finally {
      info.mockRestore();
    }
  }, 60_000);

  it('stops with a French message when the portal is absent or not in development mode', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const productionDir = mkdtempSync(join(tmpdir(), 'instructeur-simulator-'));
    const production = await startPortal({ dataDir: productionDir, port: 0, dev: false });
    try {
      expect(await main(['--portal', production.url, '--applicants', '1'])).toBe(1);
      expect(error.mock.calls.at(-1)?.[0]).toContain("n'est pas en mode développement");
      await production.close();
      expect(await main(['--portal', production.url, '--applicants', '1'])).toBe(1);
      expect(error.mock.calls.at(-1)?.[0]).toContain('Le portail ne répond pas');
    } finally {
      error.mockRestore();
      await production.close();
      rmSync(productionDir, { recursive: true, force: true });
    }
  }, 60_000);
});

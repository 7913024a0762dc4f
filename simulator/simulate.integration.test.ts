import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPortal, type RunningPortal } from '../portal/start-portal';
import { main } from './cli';
import { portalClient } from './portal-client';
import { simulate, summaryLine } from './simulate';

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
    const answers = after.changes.filter((change) => change.type === 'supplement.answered');
    expect(answers).toHaveLength(submitted.length);

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

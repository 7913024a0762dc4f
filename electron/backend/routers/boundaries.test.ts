import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { createBackend, type Backend } from '../backend';
import { appRouter } from '../router';
import { closedPortalUrl, refusal } from '../testing/offline-workstation';

// Roles and services enforced by the workstation's backend, whatever the screens show: every
// supervisor-only procedure refused to an agent, every procedure on a dossier refused to the
// agents and the supervisor of another service — each refusal journaled. (The portal enforces the
// same on its side: portal/backoffice/supervision.test.ts.)

const PASSWORD = 'Essai-Poste-2026';
/** A dossier of the Nord (59) in the local mirror; the others work for the Pas-de-Calais (62). */
const NORD = '5901202611270000042';
const SHA = 'a'.repeat(64);
let dataDir: string;
let backend: Backend;
type Caller = ReturnType<typeof appRouter.createCaller>;
const callers: Record<'agent59' | 'agent62' | 'chief62', Caller> = {} as never;
const ids: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'instructeur-bornes-'));
  backend = await createBackend({
    dataDir,
    version: 'test',
    portalUrl: await closedPortalUrl(),
    autoSync: false,
  });
  const passwordHash = await hashPassword(PASSWORD);
  const create = (login: string, role: 'agent' | 'supervisor', serviceCode: string) =>
    (ids[login] = backend.agents.create({
      login,
      displayName: login,
      role,
      serviceCode,
      passwordHash,
    }).id);
  create('agent59', 'agent', '59');
  create('agent62', 'agent', '62');
  create('chief62', 'supervisor', '62');
  for (const login of ['agent59', 'agent62', 'chief62'] as const) {
    const { token } = await backend.auth.login(login, PASSWORD);
    callers[login] = appRouter.createCaller({ backend, session: { token, bind: () => undefined } });
  }
  backend.applications.upsert({
    applicationNumber: NORD,
    procedure: 'vpf-teh',
    foreignerNumber: '5908002016',
    status: 'in_review',
    version: 3,
    submittedAt: '2026-11-02T09:00:00.000Z',
    applicantName: 'TEST Test',
    serviceCode: '59',
    assignedAgentId: ids['agent59']!,
    data: { dossier: {} },
    updatedAt: '2026-11-02T09:00:00.000Z',
    nationality: 'mexicaine',
  });
});

afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const forbiddenEntries = (actorId: string) =>
  backend.journal
    .list({ actorId, limit: 500 })
    .filter((entry) => entry.action === 'auth.forbidden');

describe('roles and services, enforced by the backend', () => {
  it('refuses every supervisor-only procedure to an agent, before reading its input, and journals it', async () => {
    const procedures = Object.keys(appRouter._def.procedures).filter(
      (path) => path.startsWith('supervision.') || path.startsWith('audit.'),
    );
    expect(procedures.sort()).toEqual(
      [
        'audit.actions',
        'audit.agents',
        'audit.export',
        'audit.list',
        'supervision.approve',
        'supervision.overview',
        'supervision.reassign',
        'supervision.returnDecision',
        'supervision.toSign',
      ].sort(),
    );
    for (const path of procedures) {
      const [space, name] = path.split('.') as [string, string];
      const procedure = (callers.agent62 as unknown as Record<string, Record<string, unknown>>)[
        space
      ]![name] as (input: unknown) => Promise<unknown>;
      const error = await refusal(() => procedure({}));
      expect([path, error.code, error.message]).toEqual([
        path,
        'FORBIDDEN',
        'Réservé au chef de bureau.',
      ]);
    }
    expect(
      forbiddenEntries(ids['agent62']!)
        .map((entry) => entry.details['procedure'])
        .sort(),
    ).toEqual(procedures.sort());
  });

  it('refuses every procedure on a dossier of another service, as missing, and journals the attempt', async () => {
    const number = { applicationNumber: NORD };
    const items = [{ documentKey: 'nationality', observation: 'Illisible.' }];
    const onDossier: Record<string, (c: Caller) => Promise<unknown>> = {
      'dossier.get': (c) => c.dossier.get(number),
      'dossier.addNote': (c) => c.dossier.addNote({ ...number, documentKey: null, text: 'Note' }),
      'dossier.addHighlight': (c) =>
        c.dossier.addHighlight({
          ...number,
          documentKey: 'nationality',
          sha256: SHA,
          page: 1,
          x: 0.1,
          y: 0.1,
          width: 0.2,
          height: 0.2,
        }),
      'dossier.setVerdict': (c) =>
        c.dossier.setVerdict({ ...number, documentKey: 'nationality', verdict: 'compliant' }),
      'dossier.clearVerdict': (c) => c.dossier.clearVerdict({ ...number, documentKey: 'identity' }),
      'queue.take': (c) => c.queue.take(number),
      'instruction.checks': (c) => c.instruction.checks(number),
      'instruction.previewProlongation': (c) => c.instruction.previewProlongation(number),
      'instruction.issueProlongation': (c) =>
        c.instruction.issueProlongation({ ...number, sha256: SHA }),
      'instruction.previewFavorable': (c) => c.instruction.previewFavorable(number),
      'instruction.decideFavorable': (c) =>
        c.instruction.decideFavorable({ ...number, sha256: SHA }),
      'instruction.decideUnfavorable': (c) =>
        c.instruction.decideUnfavorable({ ...number, motivation: 'Une motivation suffisante.' }),
      'instruction.startReview': (c) => c.instruction.startReview(number),
      'instruction.closeWithdrawn': (c) => c.instruction.closeWithdrawn(number),
      'instruction.closeIncomplete': (c) => c.instruction.closeIncomplete(number),
      'supplement.state': (c) => c.supplement.state(number),
      'supplement.preview': (c) => c.supplement.preview({ ...number, items }),
      'supplement.send': (c) => c.supplement.send({ ...number, items }),
      'supplement.amend': (c) => c.supplement.amend({ ...number, items }),
      'supplement.withdraw': (c) => c.supplement.withdraw(number),
    };
    for (const who of ['agent62', 'chief62'] as const) {
      for (const [path, call] of Object.entries(onDossier)) {
        const error = await refusal(() => call(callers[who]));
        expect([who, path, error.code, error.message]).toEqual([
          who,
          path,
          'NOT_FOUND',
          `Le dossier n° ${NORD} n'est pas sur ce poste ou ne relève pas de votre service.`,
        ]);
      }
      const journaled = forbiddenEntries(ids[who]!).filter(
        (entry) => entry.details['reason'] === 'other_service',
      );
      expect(journaled.map((entry) => entry.details['procedure']).sort()).toEqual(
        Object.keys(onDossier).sort(),
      );
      expect(journaled.every((entry) => entry.applicationNumber === NORD)).toBe(true);
    }
    // The supervisor of another service cannot hand the dossier over or sign on it either.
    const reassigned = await callers.chief62.supervision.reassign({
      applicationNumbers: [NORD],
      agentId: ids['agent62']!,
      reason: 'Essai',
    });
    expect(reassigned.failed).toEqual([
      {
        applicationNumber: NORD,
        reason: `Le dossier n° ${NORD} n'est pas sur ce poste ou ne relève pas de votre service.`,
      },
    ]);
    const signed = await refusal(() =>
      callers.chief62.supervision.approve({ ...number, decisionId: 'd1' }),
    );
    expect(signed.code).toBe('NOT_FOUND');
    // The agent of the service itself is not refused for the service.
    await expect(callers.agent59.dossier.get(number)).resolves.toMatchObject({
      header: { applicationNumber: NORD },
    });
    expect(backend.outbox.ofApplication(NORD)).toEqual([]);
  });
});

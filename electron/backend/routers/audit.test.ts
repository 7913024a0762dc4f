import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournalFile } from '../../../db/desktop/audit-verify';
import { hashPassword } from '../auth/password';
import { createBackend, type Backend } from '../backend';
import { appRouter } from '../router';
import { closedPortalUrl, refusal } from '../testing/offline-workstation';

// The journal through the app router, on a real workstation database: agents created on the
// workstation log in offline (the portal's address answers nothing), so no portal process is
// needed for what only reads and writes the local file.

const PASSWORD = 'Essai-Poste-2026';
const APPLICATION = '5901202309170000042';
let dataDir: string;
let backend: Backend;
let supervisor: ReturnType<typeof appRouter.createCaller>;
let agent: ReturnType<typeof appRouter.createCaller>;
const ids: Record<'sophie' | 'camille' | 'other', string> = { sophie: '', camille: '', other: '' };

async function callerFor(login: string) {
  const { token } = await backend.auth.login(login, PASSWORD);
  return appRouter.createCaller({ backend, session: { token, bind: () => undefined } });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'instructeur-audit-'));
  backend = await createBackend({
    dataDir,
    version: 'test',
    portalUrl: await closedPortalUrl(),
    autoSync: false,
    // The entries below are dated 2023; they must outlive this test's start-up purge.
    auditRetentionDays: 3650,
  });
  const passwordHash = await hashPassword(PASSWORD);
  const create = (
    login: string,
    displayName: string,
    role: 'agent' | 'supervisor',
    service = '59',
  ) => backend.agents.create({ login, displayName, role, serviceCode: service, passwordHash }).id;
  ids.sophie = create('sophie', 'Sophie Durand', 'supervisor');
  ids.camille = create('camille', 'Camille Lefebvre', 'agent');
  ids.other = create('dominique', 'Dominique Autre', 'agent', '62');

  supervisor = await callerFor('sophie');
  agent = await callerFor('camille');
  await callerFor('dominique');
  // 23:30 and 00:30 in Paris: either side of midnight, 17 and 18 September 2023.
  backend.journal.record({
    actorId: ids.camille,
    action: 'application.assign',
    applicationNumber: APPLICATION,
    details: {
      outboxId: 'a5b0c1d2-0000-4000-8000-000000000001',
      agentId: ids.camille,
      reason: 'Retour de congés.',
    },
    at: '2023-09-17T21:30:00Z',
  });
  backend.journal.record({
    actorId: ids.camille,
    action: 'application.start_review',
    applicationNumber: APPLICATION,
    at: '2023-09-17T22:30:00Z',
  });
  backend.journal.record({
    actorId: ids.other,
    action: 'queue.export',
    details: { format: 'csv' },
  });
}, 60_000);

afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('audit.list', () => {
  it('lists the service’s entries and the system’s, newest first, with the agents’ names', async () => {
    const { rows, total } = await supervisor.audit.list({});
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => b - a));
    expect(total).toBe(rows.length);
    // Dominique belongs to another service: neither their login nor their export is shown.
    expect(rows.some((row) => row.actorId === ids.other)).toBe(false);
    expect(rows.find((row) => row.action === 'application.assign')).toMatchObject({
      actorName: 'Camille Lefebvre',
      label: 'Attribution du dossier',
      applicationNumber: APPLICATION,
      // The agent named, not given by their identifier.
      detailsText:
        'action n° : a5b0c1d2-0000-4000-8000-000000000001 ; agent : Camille Lefebvre ; motif : Retour de congés.',
    });
    expect(rows.filter((row) => row.action === 'auth.login').map((row) => row.actorName)).toEqual([
      'Camille Lefebvre',
      'Sophie Durand',
    ]);
  });

  it('filters by agent, action prefix, Paris days and dossier, and pages', async () => {
    const byAgent = await supervisor.audit.list({ actorId: ids.camille });
    expect(byAgent.rows.map((row) => row.action)).toEqual([
      'application.start_review',
      'application.assign',
      'auth.login',
    ]);
    const logins = await supervisor.audit.list({ action: 'auth.' });
    expect(logins.rows.every((row) => row.action.startsWith('auth.'))).toBe(true);
    expect(logins.total).toBe(2);
    const onThe17th = await supervisor.audit.list({ from: '2023-09-17', to: '2023-09-17' });
    expect(onThe17th.rows.map((row) => row.action)).toEqual(['application.assign']);
    const onThe18th = await supervisor.audit.list({ from: '2023-09-18', to: '2023-09-18' });
    expect(onThe18th.rows.map((row) => row.action)).toEqual(['application.start_review']);
    const dossier = await supervisor.audit.list({ applicationNumber: APPLICATION });
    expect(dossier.total).toBe(2);
    const second = await supervisor.audit.list({ actorId: ids.camille, limit: 1, offset: 1 });
    expect(second).toMatchObject({ total: 3, rows: [{ action: 'application.assign' }] });
    expect(await supervisor.audit.list({ actorId: null })).toMatchObject({ total: 0 });
  });

  it('gives a dossier’s entries for its history, newest first', () => {
    const { id, login, displayName, role, serviceCode } = backend.agents.findById(ids.camille)!;
    const camille = { id, login, displayName, role, serviceCode };
    const entries = backend.audit.ofDossier(camille, APPLICATION);
    expect(entries.map((entry) => [entry.label, entry.actorName])).toEqual([
      ["Début de l'instruction", 'Camille Lefebvre'],
      ['Attribution du dossier', 'Camille Lefebvre'],
    ]);
  });

  it('refuses malformed filters in French', async () => {
    const dates = await refusal(supervisor.audit.list({ from: '2023-09-18', to: '2023-09-17' }));
    expect(dates.code).toBe('BAD_REQUEST');
    const number = await refusal(supervisor.audit.list({ applicationNumber: '59012023' }));
    expect(number.code).toBe('BAD_REQUEST');
  });

  it('offers the service’s agents and the action filters', async () => {
    const agents = await supervisor.audit.agents();
    expect(agents.map((a) => a.displayName)).toEqual(['Camille Lefebvre', 'Sophie Durand']);
    const actions = await supervisor.audit.actions();
    expect(actions).toContainEqual({ value: 'auth.', label: 'Connexions et accès (toutes)' });
  });
});

describe('audit.export', () => {
  it('exports the filtered view as CSV and XLSX, and journals the export', async () => {
    const view = await supervisor.audit.list({ actorId: ids.camille });
    const csv = await supervisor.audit.export({ actorId: ids.camille, format: 'csv' });
    expect(csv.fileName).toMatch(/^journal-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(view.total + 1);
    expect(lines[0]).toBe(
      '\uFEFF"N°";"Date";"Heure (Paris)";"Agent";"Action";"Code";"N° de la demande";"Détails";"Empreinte (SHA-256)"',
    );
    // 22:30 UTC on 17 September is 00:30:00 on the 18th in Paris.
    expect(lines[1]).toContain(
      '"18/09/2023";"00:30:00";"Camille Lefebvre";"Début de l\'instruction";"application.start_review";"5901202309170000042"',
    );

    const xlsx = await supervisor.audit.export({ action: 'application.', format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(Buffer.from(xlsx.base64, 'base64')).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Journal d'audit");
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(6).value).toBe('application.start_review');
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date(Date.UTC(2023, 8, 18)));

    const exports = backend.journal
      .list({ actorId: ids.sophie, limit: 10 })
      .filter((entry) => entry.action === 'audit.export');
    expect(exports.map((entry) => entry.details)).toEqual([
      { format: 'xlsx', count: 2, action: 'application.' },
      { format: 'csv', count: 3, actorId: ids.camille },
    ]);
  });
});

describe('an agent', () => {
  it('is refused every audit call, and each refusal is journaled with the procedure', async () => {
    for (const call of [
      agent.audit.list({}),
      agent.audit.export({ format: 'csv' }),
      agent.audit.agents(),
    ]) {
      const error = await refusal(call);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('Réservé au chef de bureau.');
    }
    const refusals = backend.journal
      .list({ actorId: ids.camille, limit: 10 })
      .filter((entry) => entry.action === 'auth.forbidden');
    expect(refusals.map((entry) => entry.details)).toEqual([
      { procedure: 'audit.agents' },
      { procedure: 'audit.export' },
      { procedure: 'audit.list' },
    ]);
  });
});

describe('the journal of the workstation', () => {
  it('is still a valid chain after all of this, read from the file as audit:verify reads it', () => {
    expect(verifyJournalFile(join(dataDir, 'instructeur.sqlite'))).toMatchObject({ ok: true });
  });

  it('is purged at start of what is older than the retention, and stays verifiable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'instructeur-audit-'));
    try {
      const options = { dataDir: dir, version: 'test', portalUrl: await closedPortalUrl() };
      const first = await createBackend({ ...options, autoSync: false });
      const old = new Date(Date.now() - 40 * 86_400_000);
      first.journal.record({ actorId: null, action: 'auth.login_failed', at: old });
      first.journal.record({ actorId: null, action: 'auth.login_failed', at: old });
      first.journal.record({ actorId: null, action: 'auth.login_locked' });
      await first.close();

      const second = await createBackend({ ...options, autoSync: false, auditRetentionDays: 30 });
      const entries = second.journal.list({ limit: 10 });
      await second.close();
      expect(entries.map((entry) => entry.action)).toEqual(['audit.purged', 'auth.login_locked']);
      expect(entries[0]?.details).toMatchObject({ count: 2, lastRemovedId: 2, retentionDays: 30 });
      expect(verifyJournalFile(join(dir, 'instructeur.sqlite'))).toMatchObject({
        ok: true,
        count: 2,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a retention that is not a whole number of days', async () => {
    await expect(
      createBackend({
        dataDir: join(dataDir, 'unused'),
        version: 'test',
        portalUrl: 'http://127.0.0.1:1',
        auditRetentionDays: 0,
      }),
    ).rejects.toThrow("Durée de conservation du journal d'audit invalide");
  });
});

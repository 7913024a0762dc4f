import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournalFile } from '../../../db/desktop/audit-verify';
import type { AppRouter } from '../router';
import { createHostServer } from '../../host/http-server';
import { createPortalAgent, submitDossiers, usePortalProcess } from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// The queue and the dossier view through the headless host, over real HTTP, on dossiers filed by
// the simulator into a real portal process and pulled by the sync.

const portal = usePortalProcess();
let station: TestWorkstation;
let server: ReturnType<typeof createHostServer>;
let base: string;
let token: string;

const api = () =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${base}/trpc`, headers: () => ({ Authorization: `Bearer ${token}` }) }),
    ],
  });

beforeAll(async () => {
  await submitDossiers(portal(), 12, 'dossier-view');
  await createPortalAgent(portal(), { name: 'Alice Martin', login: 'alice.martin' });
  station = await openWorkstation(portal().url);
  const renderer = join(station.dataDir, 'renderer');
  mkdirSync(renderer);
  server = createHostServer(station.backend, renderer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = (await station.backend.auth.login('alice.martin', 'Essai-Poste-2026')).token;
  await station.backend.sync.syncNow();
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await station?.close();
});

/** « NGUYEN-EXEMPLE Thi Hoa » → « nguyen exemple thi hoa »: as an agent would type it. */
const typed = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/-/g, ' ');

describe('queue through the router', () => {
  it('pages a tab with counts, and finds a dossier by a name typed without accents', async () => {
    const page = await api().queue.page.query({ tab: 'todo', limit: 2 });
    const counts = await api().queue.counts.query({});
    expect(page.total).toBe(counts.todo);
    expect(counts.all).toBeGreaterThanOrEqual(page.total);
    expect(page.rows.length).toBe(Math.min(2, page.total));
    const target = page.rows[0]!;
    const found = await api().queue.page.query({ tab: 'all', search: typed(target.applicantName) });
    expect(found.rows.map((row) => row.applicationNumber)).toContain(target.applicationNumber);
    expect(target.nextDeadlineKind).toBe('implicit_rejection');
    expect(target.nationality).not.toBe('');
  });

  it('lists the service’s active agents for the Agent filter, the agent first', async () => {
    const agents = await api().queue.agents.query();
    expect(agents[0]).toMatchObject({ displayName: 'Alice Martin', me: true });
    expect(agents.filter((agent) => agent.me)).toHaveLength(1);
    const others = agents.slice(1).map((agent) => agent.displayName);
    expect(others).toEqual([...others].sort((a, b) => a.localeCompare(b, 'fr')));
  });

  it('exports the whole view as CSV and XLSX, named after its tab', async () => {
    const counts = await api().queue.counts.query({});
    const csv = await api().queue.export.query({ tab: 'all', format: 'csv', title: 'Tous' });
    expect(csv.fileName).toMatch(/^file-tous-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.mime).toBe('text/csv;charset=utf-8');
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(counts.all + 1);

    const xlsx = await api().queue.export.query({
      tab: 'todo',
      format: 'xlsx',
      title: 'À traiter',
      sort: 'applicantName',
    });
    expect(xlsx.fileName).toMatch(/^file-a-traiter-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(Buffer.from(xlsx.base64, 'base64')).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('À traiter');
    expect(sheet.rowCount).toBe(counts.todo + 1);
    const page = await api().queue.page.query({ tab: 'todo', sort: 'applicantName', limit: 200 });
    expect(sheet.getColumn(1).values.slice(2)).toEqual(page.rows.map((r) => r.applicationNumber));

    const untitled = await api()
      .queue.export.query({ tab: 'all', format: 'xlsx', title: ' ' })
      .then(
        () => null,
        (error: unknown) => error as TRPCClientError<AppRouter>,
      );
    expect(untitled?.data?.code).toBe('BAD_REQUEST');
  });

  it('keeps an agent’s saved filters', async () => {
    const saved = await api().queue.saveFilter.mutate({
      name: 'Échéances de la semaine',
      query: { tab: 'deadlines', withinDays: 7, sort: 'nextDeadline', direction: 'asc' },
    });
    expect((await api().queue.savedFilters.query()).map((f) => f.name)).toEqual([
      'Échéances de la semaine',
    ]);
    expect(await api().queue.deleteFilter.mutate({ id: saved.id })).toEqual({ deleted: true });
  });
});

describe('dossier view', () => {
  it('shows the header, the documents with their versions, and the history', async () => {
    const { rows } = await api().queue.page.query({ tab: 'all', limit: 1 });
    const view = await api().dossier.get.query({ applicationNumber: rows[0]!.applicationNumber });
    expect(view.header).toMatchObject({
      applicationNumber: rows[0]!.applicationNumber,
      statusLabel: expect.any(String),
      applicationType: 'Demande de vie privée et familiale',
    });
    expect(view.header.deadlines[0]).toMatchObject({
      kind: 'implicit_rejection',
      label: 'Rejet implicite',
    });
    expect(view.header.deadlines[0]!.daysLeft).toBeGreaterThan(100);
    expect(view.documents.map((d) => d.key)).toContain('nationality');
    const nationality = view.documents.find((d) => d.key === 'nationality')!;
    expect(nationality.label).toBe('Justificatif de nationalité');
    expect(nationality.versions[0]!.files[0]).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(nationality.observationTemplates[0]).toBe(
      'Veuillez fournir une copie lisible de votre passeport.',
    );
    expect(view.history[0]).toMatchObject({
      type: 'application.submitted',
      label: 'Dépôt de la demande',
    });
    expect(view.dossier).toHaveProperty('personal');
  });

  it('lists the documents the catalogue requires in its order, even one no version reached', async () => {
    const { rows } = await api().queue.page.query({ tab: 'all', limit: 1, offset: 1 });
    const applicationNumber = rows[0]!.applicationNumber;
    const before = await api().dossier.get.query({ applicationNumber });
    const required = before.documents.filter((d) => d.required);
    expect(required.map((d) => d.key).slice(0, 2)).toEqual(['nationality', 'identity']);
    expect(required.map((d) => d.key)).toContain('residence');
    expect(required[0]!.requiredReason).toBe('Pièce demandée pour toute demande.');
    expect(before.documents.map((d) => d.key)).not.toContain('ephoto');
    // As if the filed versions of the proof of nationality had never reached this workstation.
    const db = new Database(join(station.dataDir, 'instructeur.sqlite'));
    db.prepare(
      "DELETE FROM document_versions WHERE application_number = ? AND document_key = 'nationality'",
    ).run(applicationNumber);
    db.close();
    const after = await api().dossier.get.query({ applicationNumber });
    expect(after.documents.map((d) => d.key)).toEqual(before.documents.map((d) => d.key));
    expect(after.documents.find((d) => d.key === 'nationality')).toMatchObject({
      required: true,
      versions: [],
    });
    const judged = await api()
      .dossier.setVerdict.mutate({
        applicationNumber,
        documentKey: 'nationality',
        verdict: 'compliant',
      })
      .then(
        () => null,
        (error: unknown) => error as TRPCClientError<AppRouter>,
      );
    expect(judged?.message).toMatch(/^Aucun fichier à examiner/);
    await expect(
      api().dossier.setVerdict.mutate({
        applicationNumber,
        documentKey: 'nationality',
        verdict: 'incomplete',
        observation: 'Veuillez fournir une copie lisible de votre passeport.',
      }),
    ).resolves.toMatchObject({ verdict: 'incomplete' });
  });

  it('serves a document file by a short-lived link, its bytes checked, and refuses anything else', async () => {
    const { rows } = await api().queue.page.query({ tab: 'all', limit: 1 });
    const view = await api().dossier.get.query({ applicationNumber: rows[0]!.applicationNumber });
    const file = view.documents[0]!.versions[0]!.files[0]!;
    const link = await api().dossier.fileLink.mutate({ sha256: file.sha256 });
    expect(link.url).toMatch(/^\/local-files\/[\w-]+$/);
    const response = await fetch(`${base}${link.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(file.mime);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);

    expect((await fetch(`${base}/local-files/inconnu-inconnu-inconnu`)).status).toBe(404);
    const foreign = await api()
      .dossier.fileLink.mutate({ sha256: 'f'.repeat(64) })
      .catch((error: unknown) => error);
    expect(foreign).toBeInstanceOf(TRPCClientError);
    expect((foreign as TRPCClientError<AppRouter>).data?.code).toBe('NOT_FOUND');
  });

  it('keeps notes, highlights and verdicts; « À compléter » needs an observation', async () => {
    const { rows } = await api().queue.page.query({ tab: 'all', limit: 1 });
    const applicationNumber = rows[0]!.applicationNumber;
    const view = await api().dossier.get.query({ applicationNumber });
    const file = view.documents[0]!.versions[0]!.files[0]!;
    await api().dossier.addNote.mutate({ applicationNumber, text: 'Vérifier la date d’entrée.' });
    await api().dossier.addHighlight.mutate({
      applicationNumber,
      documentKey: view.documents[0]!.key,
      sha256: file.sha256,
      page: 1,
      x: 0.1,
      y: 0.1,
      width: 0.5,
      height: 0.2,
      comment: 'Nom à vérifier',
    });
    await api().dossier.setVerdict.mutate({
      applicationNumber,
      documentKey: 'identity',
      verdict: 'compliant',
    });
    const refused = await api()
      .dossier.setVerdict.mutate({
        applicationNumber,
        documentKey: 'nationality',
        verdict: 'incomplete',
        observation: ' ',
      })
      .then(
        () => null,
        (error: unknown) => error as TRPCClientError<AppRouter>,
      );
    expect(refused?.data?.code).toBe('BAD_REQUEST');
    expect(refused?.data?.issues?.[0]?.message).toBe(
      'Précisez ce qui manque : le demandeur lira cette observation.',
    );
    const after = await api().dossier.get.query({ applicationNumber });
    expect(after.notes).toMatchObject([
      { text: 'Vérifier la date d’entrée.', mine: true, agentName: 'Alice Martin' },
    ]);
    expect(after.highlights).toMatchObject([
      { comment: 'Nom à vérifier', page: 1, agentName: 'Alice Martin', mine: true },
    ]);
    expect(after.documents.find((d) => d.key === 'identity')?.verdict).toMatchObject({
      verdict: 'compliant',
    });
  });

  it('journals verdicts, notes and zones with who and when, in Historique, without their text', async () => {
    // A dossier the other tests leave as it is (they change the first two).
    const { rows } = await api().queue.page.query({ tab: 'all', limit: 1, offset: 2 });
    const applicationNumber = rows[0]!.applicationNumber;
    const view = await api().dossier.get.query({ applicationNumber });
    const nationality = view.documents.find((d) => d.key === 'nationality')!;
    const earlier = new Set(view.journal.map((entry) => entry.id));
    const startedAt = Date.now();
    const noteText = 'Récit de la victime à recouper avec la plainte.';
    const observation = 'Le passeport est illisible : fournissez une copie en couleur.';
    const zoneComment = 'Tampon d’entrée à vérifier';

    await api().dossier.setVerdict.mutate({
      applicationNumber,
      documentKey: 'nationality',
      verdict: 'incomplete',
      observation,
    });
    const note = await api().dossier.addNote.mutate({
      applicationNumber,
      documentKey: 'nationality',
      text: noteText,
    });
    await api().dossier.editNote.mutate({ id: note.id, text: `${noteText} Fait.` });
    const zone = await api().dossier.addHighlight.mutate({
      applicationNumber,
      documentKey: 'nationality',
      sha256: nationality.versions[0]!.files[0]!.sha256,
      page: 2,
      x: 0.1,
      y: 0.2,
      width: 0.3,
      height: 0.1,
      comment: zoneComment,
    });
    await api().dossier.removeHighlight.mutate({ id: zone.id });
    await api().dossier.removeNote.mutate({ id: note.id });
    await api().dossier.clearVerdict.mutate({ applicationNumber, documentKey: 'nationality' });
    // Refused, so rolled back: no entry for what did not happen.
    await expect(api().dossier.removeNote.mutate({ id: note.id })).rejects.toThrow(
      'Seul son auteur peut supprimer une note.',
    );
    await api().dossier.clearVerdict.mutate({ applicationNumber, documentKey: 'nationality' });

    const { journal } = await api().dossier.get.query({ applicationNumber });
    const review = journal.filter((entry) => !earlier.has(entry.id)).reverse();
    expect(review.map((entry) => [entry.label, entry.detailsText])).toEqual([
      [
        'Avis donné sur une pièce',
        'pièce : Justificatif de nationalité ; avis : à compléter ; version : 1',
      ],
      ['Note privée ajoutée', `note n° : ${note.id} ; pièce : Justificatif de nationalité`],
      ['Note privée modifiée', `note n° : ${note.id} ; pièce : Justificatif de nationalité`],
      [
        'Zone annotée ajoutée',
        `zone n° : ${zone.id} ; pièce : Justificatif de nationalité ; page : 2`,
      ],
      [
        'Zone annotée supprimée',
        `zone n° : ${zone.id} ; pièce : Justificatif de nationalité ; page : 2`,
      ],
      ['Note privée supprimée', `note n° : ${note.id} ; pièce : Justificatif de nationalité`],
      ['Avis retiré sur une pièce', 'pièce : Justificatif de nationalité'],
    ]);
    for (const entry of review) {
      expect(entry.actorName).toBe('Alice Martin');
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(startedAt);
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now());
    }
    // The texts stay in the review work (or nowhere, once removed), never in the journal.
    const stored = JSON.stringify(
      station.backend.journal.list({ applicationNumber, limit: 100 }).map((e) => e.details),
    );
    for (const text of ['Récit', 'passeport', 'Tampon'])
      expect([text, stored.includes(text)]).toEqual([text, false]);
    expect(verifyJournalFile(join(station.dataDir, 'instructeur.sqlite'))).toMatchObject({
      ok: true,
    });
  });
});

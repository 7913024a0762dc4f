import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createApplicationRepository } from './application-repository';
import { createHistoryRepository } from './history-repository';
import { openDesktopDatabase } from './open-desktop-database';
import { createSyncStateRepository } from './sync-state-repository';

const temp = useTempFiles();
const NUMBER = '5901202308160000001';

function open() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  createApplicationRepository(db).upsert({
    applicationNumber: NUMBER,
    procedure: 'vpf-teh',
    foreignerNumber: '5908002010',
    status: 'submitted',
    version: 1,
    submittedAt: '2023-08-16T14:37:00+02:00',
    applicantName: 'DUPONT Marie',
    serviceCode: '59',
    assignedAgentId: null,
    data: {},
  });
  return { db, history: createHistoryRepository(db), syncState: createSyncStateRepository(db) };
}

const passport = {
  sha256: 'a'.repeat(64),
  name: 'passeport.pdf',
  size: 1200,
  mime: 'application/pdf',
};

describe('dossier history', () => {
  it('keeps each change once, in the portal’s order, even when a page is applied twice', () => {
    const { history } = open();
    const change = {
      applicationNumber: NUMBER,
      type: 'application.updated',
      version: 2,
      at: '2026-11-27T10:00:00Z',
      data: { event: 'assign' },
    };
    history.recordEvent({ ...change, seq: 7 });
    history.recordEvent({ ...change, seq: 3, version: 1, type: 'application.submitted', data: {} });
    history.recordEvent({ ...change, seq: 7, data: { event: 'autre' } });
    expect(history.eventsOf(NUMBER).map((e) => [e.seq, e.data])).toEqual([
      [3, {}],
      [7, { event: 'assign' }],
    ]);
    history.clearEvents();
    expect(history.eventsOf(NUMBER)).toEqual([]);
  });

  it('keeps every version of a document, the applicant’s message with an update', () => {
    const { history } = open();
    history.addDocumentVersion({
      applicationNumber: NUMBER,
      documentKey: 'nationality',
      version: 1,
      source: 'submission',
      files: [passport],
      message: null,
      createdAt: '2026-11-01T10:00:00Z',
    });
    const update = { ...passport, sha256: 'b'.repeat(64) };
    history.addDocumentVersion({
      applicationNumber: NUMBER,
      documentKey: 'nationality',
      version: 2,
      source: 'supplement',
      files: [update],
      message: 'Voici une copie lisible.',
      createdAt: '2026-11-20T10:00:00Z',
    });
    // The same version again (a change pulled twice) never overwrites the first.
    history.addDocumentVersion({
      applicationNumber: NUMBER,
      documentKey: 'nationality',
      version: 2,
      source: 'supplement',
      files: [passport],
      message: null,
      createdAt: '2026-11-21T10:00:00Z',
    });
    expect(history.documentVersionsOf(NUMBER)).toMatchObject([
      { version: 1, source: 'submission', files: [passport], message: null },
      { version: 2, source: 'supplement', files: [update], message: 'Voici une copie lisible.' },
    ]);
  });
});

describe('sync state', () => {
  it('saves the cursor, and starts a resync from the beginning with a new generation', () => {
    const { syncState } = open();
    expect(syncState.get()).toEqual({
      portalUrl: null,
      cursor: null,
      generation: 0,
      resyncing: false,
      lastSuccessAt: null,
      clockOffsetMs: 0,
    });
    syncState.saveCursor('42');
    const resync = syncState.startResync('http://127.0.0.1:5190');
    expect(resync).toMatchObject({
      cursor: null,
      generation: 1,
      resyncing: true,
      portalUrl: 'http://127.0.0.1:5190',
    });
    syncState.saveCursor('7');
    syncState.finishResync();
    syncState.recordSuccess(new Date('2026-11-27T10:00:00Z'));
    syncState.saveClockOffset(-10_800_000.4);
    expect(syncState.get()).toMatchObject({
      cursor: '7',
      resyncing: false,
      lastSuccessAt: '2026-11-27T10:00:00.000Z',
      clockOffsetMs: -10_800_000,
    });
    expect(() => syncState.saveCursor('abc')).toThrow(/CHECK/);
  });
});

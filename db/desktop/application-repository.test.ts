import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../../shared/workflow/statuses';
import { useTempFiles } from '../testing/temp-dir';
import { createAgentRepository } from './agent-repository';
import { createApplicationRepository, type ApplicationUpsert } from './application-repository';
import { openDesktopDatabase } from './open-desktop-database';

const temp = useTempFiles();

function repositories() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  const agents = createAgentRepository(db);
  const base = { displayName: 'x', role: 'agent', serviceCode: '59', passwordHash: 'h' } as const;
  return {
    db,
    applications: createApplicationRepository(db),
    camille: agents.create({ ...base, login: 'camille' }),
    dominique: agents.create({ ...base, login: 'dominique' }),
  };
}

/** A dossier as the sync would store it; `sequence` makes its number, `submittedAt` its place in the queue. */
function dossier(sequence: number, overrides: Partial<ApplicationUpsert> = {}): ApplicationUpsert {
  const applicationNumber = `59012023081600${String(sequence).padStart(5, '0')}`;
  return {
    applicationNumber,
    procedure: 'vpf-teh',
    foreignerNumber: '5908002010',
    status: 'submitted',
    version: 1,
    submittedAt: '2023-08-16T14:37:00+02:00',
    applicantName: 'DUPONT Marie',
    serviceCode: '59',
    assignedAgentId: null,
    data: { applicationNumber, personal: { birthName: 'DUPONT' } },
    updatedAt: '2023-08-16T12:37:05.000Z',
    ...overrides,
  };
}

const numbers = (rows: { applicationNumber: string }[]) =>
  rows.map(({ applicationNumber }) => applicationNumber.slice(-3));

describe('application repository', () => {
  it('stores a synced dossier and gives it back whole, instants in stored form', () => {
    const { applications } = repositories();
    const input = dossier(181);
    expect(applications.upsert(input)).toBe(true);
    expect(applications.get(input.applicationNumber)).toEqual({
      ...input,
      submittedAt: '2023-08-16T12:37:00.000Z',
      updatedAt: '2023-08-16T12:37:05.000Z',
    });
    expect(applications.get('5901202308160009999')).toBeUndefined();
  });

  it('keeps the higher version: a newer one replaces, an older or equal one is ignored', () => {
    const { applications, camille } = repositories();
    applications.upsert(dossier(181, { version: 2, status: 'in_review' }));

    expect(applications.upsert(dossier(181, { version: 1, status: 'submitted' }))).toBe(false);
    expect(applications.upsert(dossier(181, { version: 2, status: 'favorable' }))).toBe(false);
    expect(applications.get(dossier(181).applicationNumber)).toMatchObject({
      version: 2,
      status: 'in_review',
    });

    const newer = dossier(181, {
      version: 3,
      status: 'supplement_requested',
      assignedAgentId: camille.id,
      data: { v: 3 },
    });
    expect(applications.upsert(newer)).toBe(true);
    expect(applications.get(newer.applicationNumber)).toMatchObject({
      version: 3,
      status: 'supplement_requested',
      assignedAgentId: camille.id,
      data: { v: 3 },
    });
  });

  it("lists a service's queue oldest submission first, without the dossier's data", () => {
    const { applications } = repositories();
    applications.upsert(dossier(3, { submittedAt: '2023-08-17T09:00:00+02:00' }));
    applications.upsert(dossier(1, { submittedAt: '2023-08-16T23:30:00Z' }));
    // Later than sequence 1 in Paris wall-clock terms but earlier as an instant: order is by instant.
    applications.upsert(dossier(2, { submittedAt: '2023-08-17T01:00:00+02:00' }));
    applications.upsert(dossier(4, { submittedAt: '2023-08-16T23:30:00Z' }));
    applications.upsert(dossier(9, { serviceCode: '62', submittedAt: '2023-08-01T00:00:00Z' }));

    const queue = applications.listQueue({ serviceCode: '59', limit: 10, offset: 0 });
    expect(numbers(queue)).toEqual(['002', '001', '004', '003']);
    expect(queue[0]).not.toHaveProperty('data');
    expect(Object.keys(queue[0]!).sort()).toEqual(
      [
        'applicantName',
        'applicationNumber',
        'assignedAgentId',
        'foreignerNumber',
        'procedure',
        'serviceCode',
        'status',
        'submittedAt',
        'updatedAt',
        'version',
      ].sort(),
    );
    expect(numbers(applications.listQueue({ serviceCode: '59', limit: 2, offset: 1 }))).toEqual([
      '001',
      '004',
    ]);
    expect(applications.count({ serviceCode: '59' })).toBe(4);
    expect(applications.count({ serviceCode: '62' })).toBe(1);
  });

  it('filters the queue by status and by assignment', () => {
    const { applications, camille, dominique } = repositories();
    applications.upsert(
      dossier(1, {
        status: 'in_review',
        assignedAgentId: camille.id,
        submittedAt: '2023-08-16T10:00:00Z',
      }),
    );
    applications.upsert(dossier(2, { status: 'submitted', submittedAt: '2023-08-16T11:00:00Z' }));
    applications.upsert(
      dossier(3, {
        status: 'in_review',
        assignedAgentId: dominique.id,
        submittedAt: '2023-08-16T12:00:00Z',
      }),
    );
    applications.upsert(
      dossier(4, {
        status: 'supplement_requested',
        assignedAgentId: camille.id,
        submittedAt: '2023-08-16T13:00:00Z',
      }),
    );
    applications.upsert(dossier(5, { status: 'submitted', submittedAt: '2023-08-16T14:00:00Z' }));

    const page = { serviceCode: '59', limit: 10, offset: 0 };
    expect(numbers(applications.listQueue({ ...page, status: 'in_review' }))).toEqual([
      '001',
      '003',
    ]);
    expect(numbers(applications.listQueue({ ...page, assignedAgentId: camille.id }))).toEqual([
      '001',
      '004',
    ]);
    expect(numbers(applications.listQueue({ ...page, assignedAgentId: null }))).toEqual([
      '002',
      '005',
    ]);
    expect(
      numbers(
        applications.listQueue({ ...page, status: 'in_review', assignedAgentId: camille.id }),
      ),
    ).toEqual(['001']);
    expect(
      numbers(applications.listQueue({ ...page, status: 'in_review', assignedAgentId: null })),
    ).toEqual([]);
    expect(numbers(applications.listQueue({ ...page, assignedAgentId: undefined }))).toEqual([
      '001',
      '002',
      '003',
      '004',
      '005',
    ]);
    expect(
      applications.count({ serviceCode: '59', status: 'submitted', assignedAgentId: null }),
    ).toBe(2);
    expect(applications.count({ serviceCode: '59', assignedAgentId: dominique.id })).toBe(1);
    expect(() => applications.listQueue({ ...page, limit: 0 })).toThrow(RangeError);
    expect(() => applications.listQueue({ ...page, offset: -1 })).toThrow(RangeError);
  });

  it('accepts every status of shared/', () => {
    const { applications } = repositories();
    APPLICATION_STATUSES.forEach((status, index) => {
      expect(applications.upsert(dossier(index, { status }))).toBe(true);
      expect(applications.get(dossier(index).applicationNumber)?.status).toBe(status);
    });
  });

  it('refuses what the table does not accept', () => {
    const { applications } = repositories();
    const check = expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(() => applications.upsert(dossier(1, { status: 'accepted' as 'submitted' }))).toThrow(
      check,
    );
    expect(() => applications.upsert(dossier(1, { applicationNumber: '59012023081600' }))).toThrow(
      check,
    );
    expect(() => applications.upsert(dossier(1, { assignedAgentId: 'inconnu' }))).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }),
    );
    expect(() => applications.upsert(dossier(1, { submittedAt: '2023-08-16' }))).toThrow(
      expect.objectContaining({ code: 'instant_invalid' }),
    );
    expect(applications.count({ serviceCode: '59' })).toBe(0);
  });

  it('applies a later version’s header, never an older one, except during a resync', () => {
    const { applications, camille } = repositories();
    applications.upsert(dossier(1));
    const update = {
      applicationNumber: dossier(1).applicationNumber,
      version: 3,
      status: 'in_review' as const,
      assignedAgentId: camille.id,
      updatedAt: '2026-11-27T10:00:00.000Z',
    };
    expect(applications.applyUpdate(update)).toBe(true);
    expect(applications.applyUpdate({ ...update, version: 2, status: 'submitted' })).toBe(false);
    expect(applications.get(update.applicationNumber)).toMatchObject({
      version: 3,
      status: 'in_review',
    });
    expect(
      applications.applyUpdate({ ...update, applicationNumber: dossier(9).applicationNumber }),
    ).toBe(false);
    // A resync replays the portal's log whatever the local version.
    const resync = { force: true, generation: 4 };
    expect(applications.upsert(dossier(1), resync)).toBe(true);
    expect(applications.get(update.applicationNumber)).toMatchObject({
      version: 1,
      status: 'submitted',
    });
  });

  it('removes, after a resync, the dossiers it did not see again', () => {
    const { applications } = repositories();
    applications.upsert(dossier(1), { force: false, generation: 1 });
    applications.upsert(dossier(2), { force: false, generation: 1 });
    applications.upsert(dossier(2), { force: true, generation: 2 });
    expect(applications.removeUnseen(2)).toEqual([dossier(1).applicationNumber]);
    expect(applications.count({ serviceCode: '59' })).toBe(1);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createAgentRepository } from './agent-repository';
import { createApplicationRepository, type ApplicationUpsert } from './application-repository';
import { openDesktopDatabase } from './open-desktop-database';
import { createOutboxRepository } from './outbox-repository';
import { createQueueRepository, searchExpression, type QueueQuery } from './queue-repository';

const temp = useTempFiles();

function fixture() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  const agents = createAgentRepository(db);
  const base = { role: 'agent', serviceCode: '59', passwordHash: null } as const;
  const camille = agents.create({ ...base, login: 'camille', displayName: 'Camille Lefebvre' });
  const bruno = agents.create({ ...base, login: 'bruno', displayName: 'Bruno Petit' });
  const applications = createApplicationRepository(db);
  const dossier = (n: number, overrides: Partial<ApplicationUpsert>): ApplicationUpsert => ({
    applicationNumber: `590120230901000000${n}`,
    procedure: 'vpf-teh',
    foreignerNumber: `590800201${n}`,
    status: 'submitted',
    version: 1,
    submittedAt: `2023-09-0${n}T10:00:00.000Z`,
    applicantName: 'DUPONT Marie',
    serviceCode: '59',
    assignedAgentId: null,
    data: {},
    ...overrides,
  });
  applications.upsert(dossier(1, { applicantName: 'SÁNCHEZ Lucía', nationality: 'MEXICAINE' }));
  applications.upsert(
    dossier(2, {
      applicantName: 'NGUYEN Thi Hoa',
      assignedAgentId: camille.id,
      status: 'in_review',
    }),
  );
  applications.upsert(
    dossier(3, {
      applicantName: 'ÖZTÜRK Elif',
      procedure: 'vpf-protection-order',
      status: 'supplement_requested',
      assignedAgentId: bruno.id,
    }),
  );
  applications.upsert(
    dossier(4, { applicantName: 'DIALLO Awa', status: 'favorable', assignedAgentId: camille.id }),
  );
  applications.upsert(dossier(5, { applicantName: 'PETROV Ivan', serviceCode: '62' }));
  // Dossier 3's applicant opened the request on 20/09: answer due 20/10.
  applications.updateDeadlineFacts(dossier(3, {}).applicationNumber, {
    supplementDeadline: '2023-10-20',
  });
  const outbox = createOutboxRepository(db);
  outbox.enqueue({
    agentId: camille.id,
    type: 'assign',
    applicationNumber: dossier(1, {}).applicationNumber,
    baseVersion: 1,
    at: '2023-09-10T10:00:00Z',
  });
  const queue = createQueueRepository(db);
  const query = (overrides: Partial<QueueQuery> = {}): QueueQuery => ({
    serviceCode: '59',
    agentId: camille.id,
    tab: 'all',
    today: '2023-10-10',
    withinDays: 15,
    sort: 'submittedAt',
    direction: 'asc',
    limit: 50,
    offset: 0,
    ...overrides,
  });
  const names = (overrides: Partial<QueueQuery> = {}) =>
    queue.page(query(overrides)).rows.map((row) => row.applicantName);
  return { queue, query, names, camille, bruno };
}

describe('queue', () => {
  it('splits the service’s dossiers into tabs, and counts them', () => {
    const { queue, query, names } = fixture();
    expect(names({ tab: 'todo' })).toEqual(['SÁNCHEZ Lucía']);
    expect(names({ tab: 'mine' })).toEqual(['NGUYEN Thi Hoa']);
    expect(names({ tab: 'waiting' })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ tab: 'done' })).toEqual(['DIALLO Awa']);
    expect(names({ tab: 'deadlines' })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ tab: 'all' })).toHaveLength(4); // PETROV is in another service
    const { serviceCode, agentId, today, withinDays } = query();
    const filters = { serviceCode, agentId, today, withinDays };
    expect(queue.counts(filters)).toEqual({
      todo: 1,
      mine: 1,
      waiting: 1,
      deadlines: 1,
      done: 1,
      all: 4,
    });
  });

  it('finds names and numbers whatever the accents and the case', () => {
    const { names } = fixture();
    expect(names({ search: 'sanchez' })).toEqual(['SÁNCHEZ Lucía']);
    expect(names({ search: 'lucia SANCHEZ' })).toEqual(['SÁNCHEZ Lucía']);
    expect(names({ search: 'ozturk' })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ search: '5901202309010000002' })).toEqual(['NGUYEN Thi Hoa']);
    expect(names({ search: '5908002013' })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ search: 'ngu' })).toEqual(['NGUYEN Thi Hoa']);
    expect(names({ search: 'petrov' })).toEqual([]);
    // FTS syntax typed by the agent is only text, never an error.
    expect(names({ search: 'NEAR(" OR *' })).toEqual([]);
    expect(names({ search: ' " * ( ' })).toHaveLength(4);
    expect(searchExpression('  Sánchez-Lucía ')).toBe('"Sánchez"* "Lucía"*');
  });

  it('sorts on every column, with the assignee’s name and dossiers without deadline last', () => {
    const { names } = fixture();
    expect(names({ sort: 'applicantName' })).toEqual([
      'DIALLO Awa',
      'NGUYEN Thi Hoa',
      'ÖZTÜRK Elif',
      'SÁNCHEZ Lucía',
    ]);
    expect(names({ sort: 'submittedAt', direction: 'desc' })[0]).toBe('DIALLO Awa');
    expect(names({ sort: 'assignee' }).slice(-2)).toEqual(['NGUYEN Thi Hoa', 'DIALLO Awa']);
    expect(names({ sort: 'nextDeadline' })[0]).toBe('ÖZTÜRK Elif');
    expect(names({ sort: 'nextDeadline', direction: 'desc' }).at(-1)).toBe('DIALLO Awa');
  });

  it('filters by status, agent, deadline and submission dates, and pages', () => {
    const { queue, query, names, bruno } = fixture();
    expect(names({ status: 'in_review' })).toEqual(['NGUYEN Thi Hoa']);
    expect(names({ assignedAgentId: bruno.id })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ assignedAgentId: null })).toEqual(['SÁNCHEZ Lucía']);
    expect(names({ deadline: 'overdue', today: '2023-10-21' })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ deadline: 'overdue' })).toEqual([]);
    expect(names({ submittedFrom: '2023-09-02', submittedTo: '2023-09-03' })).toEqual([
      'NGUYEN Thi Hoa',
      'ÖZTÜRK Elif',
    ]);
    // « Échéances » within N days: overdue ones included, the horizon day too, nothing after it.
    expect(names({ deadline: 'within', withinDays: 10 })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ deadline: 'within', withinDays: 9 })).toEqual([]);
    // SÁNCHEZ's implicit rejection falls on 01/01/2024, 83 days ahead; NGUYEN's the day after.
    expect(names({ deadline: 'within', withinDays: 82 })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ deadline: 'within', withinDays: 83 })).toEqual(['SÁNCHEZ Lucía', 'ÖZTÜRK Elif']);
    expect(names({ deadline: 'within', withinDays: 84, tab: 'mine' })).toEqual(['NGUYEN Thi Hoa']);
    expect(names({ deadline: 'within', withinDays: 0, today: '2023-10-21' })).toEqual([
      'ÖZTÜRK Elif',
    ]);
    const page = queue.page(query({ limit: 2, offset: 2 }));
    expect(page.total).toBe(4);
    expect(page.rows.map((row) => row.applicantName)).toEqual(['ÖZTÜRK Elif', 'DIALLO Awa']);
  });

  it('filters by procedure, in the page and in the tabs’ counts', () => {
    const { queue, query, names } = fixture();
    expect(names({ procedure: 'vpf-protection-order' })).toEqual(['ÖZTÜRK Elif']);
    expect(names({ procedure: 'vpf-teh' })).toEqual([
      'SÁNCHEZ Lucía',
      'NGUYEN Thi Hoa',
      'DIALLO Awa',
    ]);
    // PETROV's dossier is a vpf-teh too, but of another service.
    expect(names({ procedure: 'vpf-teh', search: 'petrov' })).toEqual([]);
    expect(names({ procedure: 'vpf-ase' })).toEqual([]);
    expect(names({ procedure: 'vpf-teh', status: 'in_review' })).toEqual(['NGUYEN Thi Hoa']);
    const { serviceCode, agentId, today, withinDays } = query();
    expect(
      queue.counts({ serviceCode, agentId, today, withinDays, procedure: 'vpf-protection-order' }),
    ).toEqual({ todo: 0, mine: 0, waiting: 1, deadlines: 1, done: 0, all: 1 });
  });

  it('shows each dossier’s next deadline, its implicit rejection date and pending actions', () => {
    const { queue, query } = fixture();
    const rows = queue.page(query()).rows;
    const byName = new Map(rows.map((row) => [row.applicantName, row]));
    expect(byName.get('ÖZTÜRK Elif')).toMatchObject({
      nextDeadlineOn: '2023-10-20',
      nextDeadlineKind: 'supplement',
      implicitRejectionOn: null,
    });
    expect(byName.get('NGUYEN Thi Hoa')).toMatchObject({
      nextDeadlineKind: 'implicit_rejection',
      nextDeadlineOn: '2024-01-02',
      implicitRejectionOn: '2024-01-02',
      assigneeName: 'Camille Lefebvre',
    });
    expect(byName.get('DIALLO Awa')).toMatchObject({
      nextDeadlineOn: null,
      implicitRejectionOn: null,
    });
    expect(byName.get('SÁNCHEZ Lucía')).toMatchObject({
      pendingActions: 1,
      syncProblems: 0,
      nationality: 'MEXICAINE',
    });
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { useTempFiles } from '../testing/temp-dir';
import { portalMigrations } from './migrations';
import { openPortalDatabase } from './open-portal-database';
import { createPortalRepositories } from './portal-repositories';

const temp = useTempFiles();

function open() {
  const db = temp.closeLater(openPortalDatabase(join(temp.dir(), 'portal.sqlite')));
  return { db, repos: createPortalRepositories(db) };
}

describe('portal schema', () => {
  it('creates, from an empty file, every table of the portal', () => {
    const { db } = open();
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'agents',
      'applicants',
      'application_files',
      'application_sequences',
      'application_steps',
      'applications',
      'change_log',
      'decision_submissions',
      'document_versions',
      'files',
      'mailbox',
      'mutations',
      'notifications',
      'schema_migrations',
      'security_events',
      'service_settings',
      'services',
      'sqlite_sequence',
      'supplement_answers',
      'supplement_requests',
      'tokens',
      'uploads',
    ]);
    expect(
      db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
    ).toEqual(portalMigrations.map(({ version, name }) => ({ version, name })));
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('reopens an existing portal database without changing it', () => {
    const file = join(temp.dir(), 'portal.sqlite');
    const schema = (db: ReturnType<typeof openPortalDatabase>) =>
      db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const first = openPortalDatabase(file);
    const before = schema(first);
    first.close();
    expect(schema(temp.closeLater(openPortalDatabase(file)))).toEqual(before);
  });

  it('serves the change feed of a service from its index', () => {
    const { db } = open();
    const plan = db
      .prepare<[], { detail: string }>(
        "EXPLAIN QUERY PLAN SELECT * FROM change_log WHERE service_code = '59' AND seq > 10 ORDER BY seq LIMIT 100",
      )
      .all()
      .map(({ detail }) => detail)
      .join(' | ');
    expect(plan).toContain('change_log_by_service');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});

describe('supplement withdrawal (version 7)', () => {
  const AT = '2026-11-02T09:00:00.000Z';

  /** An applicant and a draft, for notifications to point to, written in SQL (no repository of that version). */
  function seedDraft(db: ReturnType<typeof openPortalDatabase>) {
    db.exec(`
      INSERT INTO applicants (id, foreigner_number, email, civil_status, created_at)
      VALUES ('p1', '5908002010', 'a@exemple.test', '{}', '${AT}');
      INSERT INTO applications (id, procedure, applicant_id, status, version, created_at, updated_at)
      VALUES ('a1', 'vpf-teh', 'p1', 'draft', 0, '${AT}', '${AT}');`);
  }

  it('keeps the notifications of a version-6 file, none withdrawn', () => {
    const file = join(temp.dir(), 'portal.sqlite');
    const old = openDatabase(file, { migrations: portalMigrations.slice(0, 6) });
    seedDraft(old);
    old.exec(`
      INSERT INTO notifications (id, application_id, applicant_id, category, kind, title, content, created_at)
      VALUES ('n1', 'a1', 'p1', 'SEJOUR', 'message', 'Message', '{}', '${AT}');`);
    old.close();
    const db = temp.closeLater(openPortalDatabase(file));
    const repos = createPortalRepositories(db);
    expect(repos.notifications.find('n1')).toMatchObject({ readAt: null, withdrawnAt: null });
    expect(repos.notifications.listOfApplicant('p1').map((n) => n.id)).toEqual(['n1']);
  });

  it('never withdraws a notification that was read, nor reads a withdrawn one', () => {
    const { db } = open();
    seedDraft(db);
    db.exec(`
      INSERT INTO notifications (id, application_id, applicant_id, category, kind, title, content, created_at, read_at)
      VALUES ('read', 'a1', 'p1', 'SEJOUR', 'message', 'Message', '{}', '${AT}', '${AT}'),
             ('gone', 'a1', 'p1', 'SEJOUR', 'message', 'Message', '{}', '${AT}', NULL);`);
    const withdraw = db.prepare('UPDATE notifications SET withdrawn_at = ? WHERE id = ?');
    expect(() => withdraw.run(AT, 'read')).toThrow(/CHECK/);
    withdraw.run(AT, 'gone');
    expect(() =>
      db.prepare('UPDATE notifications SET read_at = ? WHERE id = ?').run(AT, 'gone'),
    ).toThrow(/CHECK/);
  });
});

describe('portal repositories', () => {
  function withApplication() {
    const { db, repos } = open();
    repos.agents.ensureService({ code: '59', name: 'Préfecture du Nord' });
    const applicant = repos.applicants.create({
      foreignerNumber: '5908002010',
      email: 'a@exemple.test',
      civilStatus: { birthName: 'TEST' },
    });
    const draft = repos.applications.createDraft({
      procedure: 'vpf-teh',
      applicantId: applicant!.id,
      at: new Date(),
    });
    return { db, repos, draft };
  }

  it('keeps the change log append-only', () => {
    const { db, repos, draft } = withApplication();
    const change = repos.changes.append({
      type: 'application.submitted',
      applicationNumber: '5901202308160000001',
      version: 1,
      at: new Date(),
      data: { id: draft.id },
      serviceCode: '59',
    });
    expect(() => db.prepare('UPDATE change_log SET version = 2').run()).toThrow(/append_only/);
    expect(() => db.prepare('DELETE FROM change_log').run()).toThrow(/append_only/);
    expect(() =>
      db
        .prepare(
          "INSERT OR REPLACE INTO change_log (seq, type, application_number, version, at, data, service_code) VALUES (?, 'x', '5901202308160000001', 1, ?, '{}', '59')",
        )
        .run(change.seq, change.at),
    ).toThrow(/append_only/);
    expect(repos.changes.pageOfService('59', 0, 10)).toHaveLength(1);
    expect(repos.changes.pageOfService('75', 0, 10)).toEqual([]);
  });

  it('hands out each sequence of a day once, in order', () => {
    const { repos } = withApplication();
    const key = { departement: '59', office: '1', day: '2023-08-16' };
    expect(repos.applications.peekSequence(key)).toBe(1);
    expect(repos.applications.claimSequence(key, 1)).toBe(true);
    expect(repos.applications.claimSequence(key, 1)).toBe(false);
    expect(repos.applications.claimSequence(key, 3)).toBe(false);
    expect(repos.applications.peekSequence(key)).toBe(2);
    expect(repos.applications.claimSequence(key, 2)).toBe(true);
    expect(repos.applications.peekSequence({ ...key, day: '2023-08-17' })).toBe(1);
  });

  it('refuses a draft with a number, and a token stored in clear', () => {
    const { db, draft } = withApplication();
    expect(() =>
      db
        .prepare("UPDATE applications SET application_number = '5901202308160000001' WHERE id = ?")
        .run(draft.id),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO tokens (token_sha256, kind, applicant_id, created_at, expires_at) VALUES ('iZL3hfBzg6GrAFGPd6zhzH1loQfSw_J5Wz_zPzJ09dA', 'applicant', ?, '2023-08-16T12:00:00.000Z', '2023-08-16T20:00:00.000Z')",
        )
        .run(draft.applicantId),
    ).toThrow(/CHECK/);
  });

  it('adds document versions, never overwriting one', () => {
    const { db, repos, draft } = withApplication();
    const file = { sha256: 'a'.repeat(64), name: 'a.png', size: 10, mime: 'image/png' };
    const first = repos.applications.addDocumentVersion({
      applicationId: draft.id,
      documentKey: 'identity',
      files: [file],
      source: 'submission',
      supplementAnswerId: null,
      createdAt: new Date(),
    });
    expect(first.version).toBe(1);
    expect(() =>
      db
        .prepare(
          "INSERT INTO document_versions (application_id, document_key, version, files, source, created_at) VALUES (?, 'identity', 1, '[]', 'submission', '2023-08-16T12:00:00.000Z')",
        )
        .run(draft.id),
    ).toThrow();
    expect(repos.applications.documentVersions(draft.id)).toEqual([first]);
  });
});

describe('supervision (version 8)', () => {
  const AT = '2026-11-27T09:00:00.000Z';
  const LATER = '2026-11-27T10:00:00.000Z';

  function withAgentAndDraft() {
    const { db, repos } = open();
    repos.agents.ensureService({ code: '59', name: 'Préfecture du Nord' });
    const agent = repos.agents.create({
      login: 'camille.lefebvre',
      displayName: 'Camille Lefebvre',
      role: 'agent',
      serviceCode: '59',
      passwordHash: 'x',
    });
    const applicant = repos.applicants.create({
      foreignerNumber: '5908002010',
      email: 'a@exemple.test',
      civilStatus: { birthName: 'TEST' },
    });
    const draft = repos.applications.createDraft({
      procedure: 'vpf-teh',
      applicantId: applicant!.id,
      at: new Date(AT),
    });
    return { db, repos, agent, draft };
  }

  it('gives a service without settings the defaults, and keeps what is set', () => {
    const { repos } = withAgentAndDraft();
    expect(repos.serviceSettings.get('59')).toEqual({
      serviceCode: '59',
      decisionValidation: false,
    });
    repos.serviceSettings.set({ serviceCode: '59', decisionValidation: true }, AT);
    expect(repos.serviceSettings.get('59').decisionValidation).toBe(true);
    repos.serviceSettings.set({ serviceCode: '59', decisionValidation: false }, LATER);
    expect(repos.serviceSettings.get('59').decisionValidation).toBe(false);
    expect(() =>
      repos.serviceSettings.set({ serviceCode: '75', decisionValidation: true }, AT),
    ).toThrow(/FOREIGN KEY/);
  });

  it('lets one decision wait per dossier, settled once and never deleted', () => {
    const { db, repos, agent, draft } = withAgentAndDraft();
    const submission = {
      applicationId: draft.id,
      decision: 'unfavorable' as const,
      payload: { motivation: 'Ressources insuffisantes.' },
      attestationSha256: null,
      submittedBy: agent.id,
      submittedAt: AT,
    };
    const first = repos.decisions.submit(submission);
    expect(repos.decisions.pendingOf(draft.id)).toEqual(first);
    expect(() => repos.decisions.submit(submission)).toThrow(/UNIQUE/);
    // Returning needs the comment the agent will read.
    expect(() =>
      db
        .prepare(
          "UPDATE decision_submissions SET outcome = 'returned', settled_by = ?, settled_at = ? WHERE id = ?",
        )
        .run(agent.id, LATER, first.id),
    ).toThrow(/CHECK/);
    expect(
      repos.decisions.settle(first.id, {
        outcome: 'returned',
        settledBy: agent.id,
        at: LATER,
        comment: 'À motiver.',
      }),
    ).toBe(true);
    expect(
      repos.decisions.settle(first.id, { outcome: 'approved', settledBy: agent.id, at: LATER }),
    ).toBe(false);
    expect(repos.decisions.pendingOf(draft.id)).toBeUndefined();
    expect(() =>
      db.prepare("UPDATE decision_submissions SET comment = 'autre' WHERE id = ?").run(first.id),
    ).toThrow(/decision_submission_settled/);
    expect(() => db.prepare('DELETE FROM decision_submissions').run()).toThrow(
      /decision_submission_settled/,
    );
    // A pending one cannot be rewritten either, only settled.
    const second = repos.decisions.submit(submission);
    expect(() =>
      db
        .prepare("UPDATE decision_submissions SET decision = 'favorable' WHERE id = ?")
        .run(second.id),
    ).toThrow(/decision_submission_settled/);
    expect(repos.decisions.find(first.id)).toMatchObject({
      outcome: 'returned',
      comment: 'À motiver.',
    });
  });

  it('keeps the security log append-only', () => {
    const { db, repos, agent } = withAgentAndDraft();
    const event = repos.security.record({
      at: AT,
      agentId: agent.id,
      kind: 'service',
      procedure: 'backoffice.push',
      type: 'startReview',
      applicationNumber: '5901202611270000001',
    });
    expect(repos.security.list({ agentId: agent.id })).toEqual([event]);
    expect(() => db.prepare("UPDATE security_events SET kind = 'role'").run()).toThrow(
      /append_only/,
    );
    expect(() => db.prepare('DELETE FROM security_events').run()).toThrow(/append_only/);
    expect(() =>
      db
        .prepare(
          "INSERT OR REPLACE INTO security_events (seq, at, agent_id, kind, procedure) VALUES (?, ?, ?, 'role', 'x')",
        )
        .run(event.seq, AT, agent.id),
    ).toThrow(/append_only/);
    expect(() =>
      repos.security.record({
        at: AT,
        agentId: agent.id,
        kind: 'role',
        procedure: 'backoffice.push',
        type: null,
        applicationNumber: 'Dupont',
      }),
    ).toThrow(/CHECK/);
  });
});

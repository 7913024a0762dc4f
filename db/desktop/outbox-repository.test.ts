import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createAgentRepository } from './agent-repository';
import { openDesktopDatabase } from './open-desktop-database';
import { createOutboxRepository } from './outbox-repository';

const temp = useTempFiles();
const NUMBER = '5901202308160000001';
const OTHER = '5901202308160000002';

function outboxOf() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  const agent = createAgentRepository(db).create({
    login: 'camille',
    displayName: 'Camille',
    role: 'agent',
    serviceCode: '59',
    passwordHash: null,
  });
  return { db, outbox: createOutboxRepository(db), agentId: agent.id };
}

const at = '2026-11-27T10:00:00.000Z';

describe('outbox', () => {
  it('keeps actions in their client order, pending until the portal answers once', () => {
    const { outbox, agentId } = outboxOf();
    const first = outbox.enqueue({
      agentId,
      type: 'assign',
      applicationNumber: NUMBER,
      baseVersion: 1,
      at,
    });
    const second = outbox.enqueue({
      agentId,
      type: 'startReview',
      applicationNumber: NUMBER,
      baseVersion: 2,
      at,
    });
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(outbox.pending(10).map((e) => e.id)).toEqual([first.id, second.id]);
    expect(outbox.countPendingOn(NUMBER)).toBe(2);

    outbox.recordAttempt([first.id], 'Le portail ne répond pas.');
    expect(outbox.get(first.id)).toMatchObject({
      attempts: 1,
      lastError: 'Le portail ne répond pas.',
    });

    outbox.settle(first.id, { outcome: 'applied', version: 2 }, new Date(at));
    // A second answer for the same action (a retried batch) changes nothing.
    outbox.settle(first.id, { outcome: 'conflict', reason: 'trop tard' }, new Date(at));
    expect(outbox.get(first.id)).toMatchObject({
      state: 'applied',
      resultVersion: 2,
      reason: null,
      lastError: null,
    });
    expect(outbox.countPending()).toBe(1);
  });

  it('counts problems until the agent resolves them, and marks dossiers for the queue', () => {
    const { outbox, agentId } = outboxOf();
    const lost = outbox.enqueue({
      agentId,
      type: 'assign',
      applicationNumber: NUMBER,
      baseVersion: 1,
      at,
    });
    const waiting = outbox.enqueue({
      agentId,
      type: 'sendMessage',
      applicationNumber: OTHER,
      baseVersion: 3,
      at,
      payload: { text: 'Bonjour' },
    });
    outbox.settle(lost.id, { outcome: 'conflict', version: 2, reason: 'modifié' }, new Date(at));
    expect(outbox.countProblems()).toBe(1);
    expect(outbox.markers([NUMBER, OTHER, '5901202308160000003'])).toEqual(
      new Map([
        [NUMBER, { pending: 0, problems: 1 }],
        [OTHER, { pending: 1, problems: 0 }],
      ]),
    );
    expect(outbox.resolve(waiting.id, 'dropped')).toBe(false); // pending: nothing to resolve
    expect(outbox.resolve(lost.id, 'dropped')).toBe(true);
    expect(outbox.resolve(lost.id, 'reapplied')).toBe(false); // already resolved
    expect(outbox.countProblems()).toBe(0);
    expect(outbox.get(waiting.id)?.payload).toEqual({ text: 'Bonjour' });
  });

  it('refuses rows that break its rules, whoever writes them', () => {
    const { db, outbox, agentId } = outboxOf();
    expect(() =>
      outbox.enqueue({ agentId, type: 'assign', applicationNumber: '42', baseVersion: 1, at }),
    ).toThrow(/CHECK/);
    expect(() =>
      outbox.enqueue({ agentId, type: 'assign', applicationNumber: NUMBER, baseVersion: 0, at }),
    ).toThrow(/CHECK/);
    const entry = outbox.enqueue({
      agentId,
      type: 'assign',
      applicationNumber: NUMBER,
      baseVersion: 1,
      at,
    });
    // A settled action always says when; a pending one never does.
    expect(() =>
      db.prepare(`UPDATE outbox SET state = 'applied' WHERE id = ?`).run(entry.id),
    ).toThrow(/CHECK/);
    expect(() =>
      outbox.enqueue({
        id: entry.id,
        agentId,
        type: 'assign',
        applicationNumber: NUMBER,
        baseVersion: 1,
        at,
      }),
    ).toThrow(/UNIQUE/);
  });
});

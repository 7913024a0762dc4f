import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createAgentRepository } from './agent-repository';
import { openDesktopDatabase } from './open-desktop-database';
import { createSavedFilterRepository } from './saved-filter-repository';

const temp = useTempFiles();

describe('saved filters', () => {
  it('keeps each agent’s filters by name, replaces on the same name, removes only one’s own', () => {
    const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
    const agents = createAgentRepository(db);
    const base = { role: 'agent', serviceCode: '59', passwordHash: null } as const;
    const camille = agents.create({ ...base, login: 'camille', displayName: 'Camille' });
    const bruno = agents.create({ ...base, login: 'bruno', displayName: 'Bruno' });
    const filters = createSavedFilterRepository(db);
    const urgent = filters.save(camille.id, 'Urgents', { tab: 'deadlines', withinDays: 7 });
    filters.save(camille.id, ' À compléter ', { tab: 'waiting' });
    filters.save(camille.id, 'Urgents', { tab: 'deadlines', withinDays: 3 });
    filters.save(bruno.id, 'Urgents', { tab: 'all' });
    expect(filters.list(camille.id).map(({ name, query }) => [name, query])).toEqual([
      ['À compléter', { tab: 'waiting' }],
      ['Urgents', { tab: 'deadlines', withinDays: 3 }],
    ]);
    expect(filters.remove(bruno.id, urgent.id)).toBe(false);
    expect(filters.remove(camille.id, urgent.id)).toBe(true);
    expect(filters.list(camille.id)).toHaveLength(1);
    expect(() => filters.save(camille.id, '  ', {})).toThrow(/CHECK/);
  });
});

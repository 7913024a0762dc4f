import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createAgentRepository, type NewAgent } from './agent-repository';
import { openDesktopDatabase } from './open-desktop-database';

const temp = useTempFiles();

function repository() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  return { db, agents: createAgentRepository(db) };
}

const camille: NewAgent = {
  login: ' Agent.Nord ',
  displayName: 'Camille Lefebvre',
  role: 'agent',
  serviceCode: '59',
  passwordHash: 'scrypt$opaque',
};

describe('agent repository', () => {
  it('creates an agent with a new UUID and its login in canonical form', () => {
    const { agents } = repository();
    const created = agents.create({ ...camille, createdAt: '2023-08-16T14:37:00+02:00' });
    expect(created).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      login: 'agent.nord',
      displayName: 'Camille Lefebvre',
      role: 'agent',
      serviceCode: '59',
      passwordHash: 'scrypt$opaque',
      createdAt: '2023-08-16T12:37:00.000Z',
      disabledAt: null,
    });
    expect(agents.findById(created.id)).toEqual(created);
    expect(agents.count()).toBe(1);
  });

  it('keeps the id the portal gave, and a null verifier for an agent who never logged in here', () => {
    const { agents } = repository();
    const id = '0b8f7c1e-2f4a-4e8b-9a51-3c2d1e0f9a7b';
    expect(agents.create({ ...camille, id, passwordHash: null })).toMatchObject({
      id,
      passwordHash: null,
    });
  });

  it('finds a login whatever its case, accents included', () => {
    const { agents } = repository();
    const created = agents.create(camille);
    const elodie = agents.create({ ...camille, login: 'Élodie.Martin' });
    expect(agents.findByLogin('AGENT.NORD')).toEqual(created);
    expect(agents.findByLogin('  agent.nord')).toEqual(created);
    expect(agents.findByLogin('élodie.martin')).toEqual(elodie);
    expect(agents.findByLogin('ÉLODIE.MARTIN')).toEqual(elodie);
    expect(agents.findByLogin('agent.sud')).toBeUndefined();
    expect(agents.findById('inconnu')).toBeUndefined();
  });

  it('refuses a second agent with the same login in another case', () => {
    const { agents } = repository();
    agents.create(camille);
    expect(() => agents.create({ ...camille, login: 'AGENT.nord', displayName: 'Autre' })).toThrow(
      expect.objectContaining({
        code: 'agent_login_taken',
        message: "L'identifiant « agent.nord » est déjà utilisé par un autre agent.",
      }),
    );
    expect(agents.count()).toBe(1);
  });

  it('refuses, in the database itself, a login differing only in ASCII case', () => {
    const { db, agents } = repository();
    agents.create(camille);
    expect(() =>
      db
        .prepare(
          "INSERT INTO agents (id, login, display_name, role, service_code, created_at) VALUES ('x', 'AGENT.NORD', 'x', 'agent', '59', '2024-01-01T00:00:00.000Z')",
        )
        .run(),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
  });

  it('refuses an unknown role', () => {
    const { agents } = repository();
    expect(() => agents.create({ ...camille, role: 'admin' as 'agent' })).toThrow(
      expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }),
    );
  });

  it('lists agents by display name, for one service when asked', () => {
    const { agents } = repository();
    agents.create({ ...camille, login: 'c', displayName: 'dominique Roussel', role: 'supervisor' });
    agents.create({ ...camille, login: 'a', displayName: 'Camille Lefebvre' });
    agents.create({ ...camille, login: 'b', displayName: 'Bernard Petit', serviceCode: '62' });
    expect(agents.list().map(({ login }) => login)).toEqual(['b', 'a', 'c']);
    expect(agents.list({ serviceCode: '59' }).map(({ login }) => login)).toEqual(['a', 'c']);
    expect(agents.count()).toBe(3);
  });

  it('mirrors the portal’s directory by id, keeping the local verifier', () => {
    const { agents } = repository();
    const portalId = '0b6f0b52-8d0c-4f0e-9f3c-2a7d4c1e9a10';
    const directory = {
      id: portalId,
      login: 'Agent.Nord',
      displayName: 'Camille Lefebvre',
      role: 'agent',
      serviceCode: '59',
      disabled: false,
    } as const;
    agents.upsertFromDirectory(directory);
    agents.setPasswordHash(portalId, 'scrypt$verifier');
    const promoted = agents.upsertFromDirectory({ ...directory, role: 'supervisor' });
    expect(promoted).toMatchObject({
      role: 'supervisor',
      passwordHash: 'scrypt$verifier',
      disabledAt: null,
    });
    const revoked = agents.upsertFromDirectory({ ...directory, disabled: true });
    expect(revoked.disabledAt).not.toBeNull();
    expect(agents.upsertFromDirectory(directory).disabledAt).toBeNull();
    agents.setPasswordHash(portalId, null);
    expect(agents.findById(portalId)?.passwordHash).toBeNull();
  });

  it('sets aside a local agent holding the same login under another id (another portal)', () => {
    const { agents } = repository();
    const old = agents.create(camille);
    const fresh = agents.upsertFromDirectory({
      id: '0b6f0b52-8d0c-4f0e-9f3c-2a7d4c1e9a10',
      login: 'agent.nord',
      displayName: 'Camille Lefebvre',
      role: 'agent',
      serviceCode: '59',
      disabled: false,
    });
    expect(agents.findByLogin('agent.nord')?.id).toBe(fresh.id);
    expect(agents.findById(old.id)).toMatchObject({ login: `agent.nord~${old.id.slice(0, 8)}` });
    expect(agents.findById(old.id)?.disabledAt).not.toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { loginTaken } from '../errors';
import { toStoredInstant } from '../instant';
import { canonicalLogin } from '../login';

export type AgentRole = 'agent' | 'supervisor';

export interface ServiceRow {
  /** The département served: '59', '2A', '974'. */
  code: string;
  name: string;
}

export interface AgentRow {
  id: string;
  /** Stored in its one canonical form: trimmed, NFC, lowercase. */
  login: string;
  displayName: string;
  role: AgentRole;
  serviceCode: string;
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface NewAgent {
  login: string;
  displayName: string;
  role: AgentRole;
  serviceCode: string;
  passwordHash: string;
  createdAt?: string | Date;
}

export interface AgentRepository {
  /** Creates the service when it does not exist yet; an existing one keeps its name. */
  ensureService(service: ServiceRow, at?: string | Date): ServiceRow;
  findService(code: string): ServiceRow | undefined;
  /** Throws `agent_login_taken` when another agent has the same login, whatever its case. */
  create(agent: NewAgent): AgentRow;
  findByLogin(login: string): AgentRow | undefined;
  findById(id: string): AgentRow | undefined;
  /** The agents of one service, by display name. */
  listOfService(serviceCode: string): AgentRow[];
  disable(id: string, at: string | Date): boolean;
}

const AGENT_COLUMNS = `
  id, login, display_name AS displayName, role, service_code AS serviceCode,
  password_hash AS passwordHash, created_at AS createdAt, disabled_at AS disabledAt`;

export function createAgentRepository(db: Database.Database): AgentRepository {
  const insertService = db.prepare(
    'INSERT INTO services (code, name, created_at) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING',
  );
  const serviceByCode = db.prepare<[string], ServiceRow>(
    'SELECT code, name FROM services WHERE code = ?',
  );
  const insert = db.prepare<[AgentRow], AgentRow>(`
    INSERT INTO agents (id, login, display_name, role, service_code, password_hash, created_at, disabled_at)
    VALUES (@id, @login, @displayName, @role, @serviceCode, @passwordHash, @createdAt, @disabledAt)
    RETURNING ${AGENT_COLUMNS}`);
  const byLogin = db.prepare<[string], AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents WHERE login = ?`,
  );
  const byId = db.prepare<[string], AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = ?`);
  const ofService = db.prepare<[string], AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents WHERE service_code = ? ORDER BY display_name COLLATE NOCASE, login`,
  );
  const disable = db.prepare(
    'UPDATE agents SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL',
  );

  function findService(code: string): ServiceRow | undefined {
    return serviceByCode.get(code);
  }

  return {
    ensureService(service, at = new Date()) {
      insertService.run(service.code, service.name, toStoredInstant(at));
      const row = findService(service.code);
      if (!row) throw new Error(`service ${service.code} was not stored`);
      return row;
    },
    findService,
    create(agent) {
      const login = canonicalLogin(agent.login);
      try {
        const row = insert.get({
          id: randomUUID(),
          login,
          displayName: agent.displayName.trim(),
          role: agent.role,
          serviceCode: agent.serviceCode,
          passwordHash: agent.passwordHash,
          createdAt: toStoredInstant(agent.createdAt ?? new Date()),
          disabledAt: null,
        });
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        return row;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'SQLITE_CONSTRAINT_UNIQUE' && byLogin.get(login))
          throw loginTaken(login, error);
        throw error;
      }
    },
    findByLogin: (login) => byLogin.get(canonicalLogin(login)),
    findById: (id) => byId.get(id),
    listOfService: (serviceCode) => ofService.all(serviceCode),
    disable: (id, at) => disable.run(toStoredInstant(at), id).changes > 0,
  };
}

import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { loginTaken } from '../errors';
import { toStoredInstant } from '../instant';
import { canonicalLogin } from '../login';

export type AgentRole = 'agent' | 'supervisor';

export interface AgentRow {
  id: string;
  /** Stored in its one canonical form: trimmed, NFC, lowercase. */
  login: string;
  displayName: string;
  role: AgentRole;
  serviceCode: string;
  /** The local verifier (opaque to this layer); null when the agent never logged in on this workstation. */
  passwordHash: string | null;
  createdAt: string;
  disabledAt: string | null;
}

export interface NewAgent {
  /** The portal's id for the agent; a new UUID when omitted. */
  id?: string;
  login: string;
  displayName: string;
  role: AgentRole;
  serviceCode: string;
  passwordHash: string | null;
  createdAt?: string | Date;
}

/** An agent as the portal's directory describes them (backoffice.login, backoffice.agents). */
export interface DirectoryAgent {
  id: string;
  login: string;
  displayName: string;
  role: AgentRole;
  serviceCode: string;
  disabled: boolean;
}

export interface AgentRepository {
  /** Throws `agent_login_taken` when another agent has the same login, whatever its case. */
  create(agent: NewAgent): AgentRow;
  findByLogin(login: string): AgentRow | undefined;
  findById(id: string): AgentRow | undefined;
  /** Every agent (of one service when given), by display name. */
  list(filter?: { serviceCode?: string }): AgentRow[];
  count(): number;
  /**
   * Mirrors the portal's directory: creates or updates the agent by id, keeping the local
   * verifier. A local agent of another id holding the same login (a workstation moved to
   * another portal) is disabled and its login set aside, since the journal still names it.
   */
  upsertFromDirectory(agent: DirectoryAgent, at?: Date): AgentRow;
  /** The local verifier after an online login; null forgets it (the portal refused the password). */
  setPasswordHash(id: string, passwordHash: string | null): void;
}

const AGENT_COLUMNS = `
  id, login, display_name AS displayName, role, service_code AS serviceCode,
  password_hash AS passwordHash, created_at AS createdAt, disabled_at AS disabledAt`;

export function createAgentRepository(db: Database.Database): AgentRepository {
  const insert = db.prepare<[AgentRow], AgentRow>(`
    INSERT INTO agents (id, login, display_name, role, service_code, password_hash, created_at, disabled_at)
    VALUES (@id, @login, @displayName, @role, @serviceCode, @passwordHash, @createdAt, @disabledAt)
    RETURNING ${AGENT_COLUMNS}`);
  const byLogin = db.prepare<[string], AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents WHERE login = ?`,
  );
  const byId = db.prepare<[string], AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents WHERE id = ?`);
  const all = db.prepare<[], AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents ORDER BY display_name COLLATE NOCASE, login`,
  );
  const ofService = db.prepare<[string], AgentRow>(
    `SELECT ${AGENT_COLUMNS} FROM agents WHERE service_code = ? ORDER BY display_name COLLATE NOCASE, login`,
  );
  const countAll = db.prepare<[], number>('SELECT count(*) FROM agents').pluck();
  const setAside = db.prepare<[string, string, string]>(`
    UPDATE agents SET login = ?, disabled_at = coalesce(disabled_at, ?) WHERE id = ?`);
  const upsert = db.prepare<[Record<string, unknown>], AgentRow>(`
    INSERT INTO agents (id, login, display_name, role, service_code, password_hash, created_at, disabled_at)
    VALUES (@id, @login, @displayName, @role, @serviceCode, NULL, @at, @disabledAt)
    ON CONFLICT (id) DO UPDATE SET
      login = excluded.login, display_name = excluded.display_name, role = excluded.role,
      service_code = excluded.service_code,
      disabled_at = CASE WHEN excluded.disabled_at IS NULL THEN NULL
                         ELSE coalesce(agents.disabled_at, excluded.disabled_at) END
    RETURNING ${AGENT_COLUMNS}`);
  const setHash = db.prepare<[string | null, string]>(
    'UPDATE agents SET password_hash = ? WHERE id = ?',
  );

  return {
    create(agent) {
      const login = canonicalLogin(agent.login);
      try {
        const row = insert.get({
          id: agent.id ?? randomUUID(),
          login,
          displayName: agent.displayName,
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
    list: ({ serviceCode } = {}) =>
      serviceCode === undefined ? all.all() : ofService.all(serviceCode),
    count: () => countAll.get() ?? 0,
    upsertFromDirectory(agent, at = new Date()) {
      const login = canonicalLogin(agent.login);
      const stamp = toStoredInstant(at);
      return db.transaction(() => {
        const holder = byLogin.get(login);
        if (holder && holder.id !== agent.id)
          setAside.run(`${login}~${holder.id.slice(0, 8)}`, stamp, holder.id);
        const row = upsert.get({
          id: agent.id,
          login,
          displayName: agent.displayName,
          role: agent.role,
          serviceCode: agent.serviceCode,
          at: stamp,
          disabledAt: agent.disabled ? stamp : null,
        });
        if (!row) throw new Error('INSERT … RETURNING returned no row');
        return row;
      })();
    },
    setPasswordHash: (id, passwordHash) => void setHash.run(passwordHash, id),
  };
}

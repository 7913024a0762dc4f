import type { ActionJournal } from '../../../db/desktop/action-journal';
import type { AgentRepository, AgentRow } from '../../../db/desktop/agent-repository';
import { UserFacingError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import type { SessionStore } from './sessions';

/** What the renderer may know of an agent: never the password hash. */
export interface PublicAgent {
  id: string;
  login: string;
  displayName: string;
  role: AgentRow['role'];
  serviceCode: string;
}

const toPublic = ({ id, login, displayName, role, serviceCode }: AgentRow): PublicAgent => ({
  id,
  login,
  displayName,
  role,
  serviceCode,
});

const INVALID_CREDENTIALS = 'Identifiant ou mot de passe incorrect.';
/** After this many failures in a row a login is paused, to slow down password guessing. */
const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

interface Dependencies {
  agents: AgentRepository;
  journal: ActionJournal;
  sessions: SessionStore;
  now?: () => number;
}

export function createAuthService({ agents, journal, sessions, now = Date.now }: Dependencies) {
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  // Unknown logins are checked against this hash too, so timing does not reveal who exists.
  const decoy = hashPassword('décoy-never-matches');

  function registerFailure(key: string): void {
    const entry = failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= MAX_FAILURES) {
      entry.lockedUntil = now() + LOCK_MS;
      entry.count = 0;
    }
    failures.set(key, entry);
  }

  return {
    async login(login: string, password: string): Promise<{ token: string; agent: PublicAgent }> {
      const key = login.trim().toLowerCase();
      const lock = failures.get(key);
      if (lock && lock.lockedUntil > now()) {
        journal.record({ actorId: null, action: 'auth.login_locked', details: { login: key } });
        throw new UserFacingError(
          'TOO_MANY_REQUESTS',
          'Trop de tentatives de connexion. Patientez une minute avant de réessayer.',
        );
      }
      const agent = agents.findByLogin(key);
      const valid = await verifyPassword(password, agent?.passwordHash ?? (await decoy));
      if (!agent || !valid || agent.disabledAt) {
        registerFailure(key);
        journal.record({
          actorId: agent?.id ?? null,
          action: 'auth.login_failed',
          details: {
            login: key,
            reason: !agent ? 'unknown_login' : !valid ? 'wrong_password' : 'disabled',
          },
        });
        throw new UserFacingError('UNAUTHORIZED', INVALID_CREDENTIALS);
      }
      failures.delete(key);
      journal.record({ actorId: agent.id, action: 'auth.login' });
      return { token: sessions.open(agent.id), agent: toPublic(agent) };
    },

    logout(token: string, agentId: string): void {
      sessions.close(token);
      journal.record({ actorId: agentId, action: 'auth.logout' });
    },

    agentForToken(token: string | null): PublicAgent | null {
      const agentId = token ? sessions.touch(token) : null;
      const agent = agentId ? agents.findById(agentId) : undefined;
      return agent && !agent.disabledAt ? toPublic(agent) : null;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

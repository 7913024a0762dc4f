import type { ActionJournal } from '../../../db/desktop/action-journal';
import type {
  AgentRepository,
  AgentRow,
  DirectoryAgent,
} from '../../../db/desktop/agent-repository';
import { UserFacingError } from '../errors';
import { PortalFailure } from '../portal-link/portal-client';
import type { PortalTokens } from '../sync/portal-tokens';
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
const OFFLINE_REFUSED =
  'Le portail est injoignable et la connexion hors ligne est refusée : identifiant ou mot de passe incorrect, ou aucune connexion en ligne antérieure sur ce poste.';
/** After this many failures in a row a login is paused, to slow down password guessing. */
const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

/** The portal's login (backoffice.login); throws a PortalFailure. */
export type PortalLogin = (
  login: string,
  password: string,
) => Promise<{ token: string; agent: DirectoryAgent }>;

/** online: checked by the portal, which gave a token to sync; offline: by the local verifier only. */
export type LoginMode = 'online' | 'offline';

interface Dependencies {
  agents: AgentRepository;
  journal: ActionJournal;
  sessions: SessionStore;
  portalLogin: PortalLogin;
  tokens: PortalTokens;
  now?: () => number;
}

export function createAuthService({
  agents,
  journal,
  sessions,
  portalLogin,
  tokens,
  now = Date.now,
}: Dependencies) {
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

  /** The portal said no: that stands, and a verifier that accepts this password is forgotten. */
  async function refusedByPortal(
    key: string,
    password: string,
    error: PortalFailure,
  ): Promise<never> {
    if (error.code === 'TOO_MANY_REQUESTS')
      throw new UserFacingError('TOO_MANY_REQUESTS', error.message);
    if (error.code !== 'UNAUTHORIZED') throw new UserFacingError('FORBIDDEN', error.message);
    const agent = agents.findByLogin(key);
    if (agent?.passwordHash && (await verifyPassword(password, agent.passwordHash)))
      agents.setPasswordHash(agent.id, null);
    registerFailure(key);
    journal.record({
      actorId: agent?.id ?? null,
      action: 'auth.login_failed',
      details: { login: key, reason: 'refused_by_portal' },
    });
    throw new UserFacingError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }

  async function offlineLogin(key: string, password: string) {
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
          mode: 'offline',
        },
      });
      // One message for every case, so it does not tell who has logged in on this workstation; a
      // workstation where the agent never logged in online cannot vouch for them.
      throw new UserFacingError('UNAUTHORIZED', OFFLINE_REFUSED);
    }
    failures.delete(key);
    journal.record({ actorId: agent.id, action: 'auth.login', details: { mode: 'offline' } });
    return { token: sessions.open(agent.id), agent: toPublic(agent), mode: 'offline' as const };
  }

  return {
    /**
     * The portal is the authority: when it answers, its verdict stands, and the local verifier is
     * refreshed (or forgotten when the portal refuses the password). When it cannot be reached,
     * an agent who already logged in online on this workstation is checked against the verifier.
     */
    async login(
      login: string,
      password: string,
    ): Promise<{ token: string; agent: PublicAgent; mode: LoginMode }> {
      const key = login.trim().toLowerCase();
      const lock = failures.get(key);
      if (lock && lock.lockedUntil > now()) {
        journal.record({ actorId: null, action: 'auth.login_locked', details: { login: key } });
        throw new UserFacingError(
          'TOO_MANY_REQUESTS',
          'Trop de tentatives de connexion. Patientez une minute avant de réessayer.',
        );
      }
      try {
        const online = await portalLogin(login, password);
        const agent = agents.upsertFromDirectory(online.agent);
        if (!agent.passwordHash || !(await verifyPassword(password, agent.passwordHash)))
          agents.setPasswordHash(agent.id, await hashPassword(password));
        failures.delete(key);
        tokens.set(agent.id, online.token);
        journal.record({ actorId: agent.id, action: 'auth.login', details: { mode: 'online' } });
        return { token: sessions.open(agent.id), agent: toPublic(agent), mode: 'online' };
      } catch (error) {
        if (!(error instanceof PortalFailure)) throw error;
        if (error.kind !== 'unreachable') return refusedByPortal(key, password, error);
      }
      return offlineLogin(key, password);
    },

    /** The agent of a session gives their password again so the workstation can sync. */
    async reconnect(agentId: string, password: string): Promise<void> {
      const agent = agents.findById(agentId);
      if (!agent) throw new UserFacingError('UNAUTHORIZED', INVALID_CREDENTIALS);
      let online: Awaited<ReturnType<PortalLogin>>;
      try {
        online = await portalLogin(agent.login, password);
      } catch (error) {
        if (!(error instanceof PortalFailure)) throw error;
        if (error.kind === 'unreachable') throw new UserFacingError('TIMEOUT', error.message);
        if (error.code === 'UNAUTHORIZED') {
          journal.record({ actorId: agentId, action: 'auth.reconnect_failed' });
          // Not UNAUTHORIZED: that would read as « your session expired » to the renderer.
          throw new UserFacingError('BAD_REQUEST', 'Mot de passe incorrect.');
        }
        throw new UserFacingError('FORBIDDEN', error.message);
      }
      agents.upsertFromDirectory(online.agent);
      agents.setPasswordHash(agentId, await hashPassword(password));
      tokens.set(agentId, online.token);
      journal.record({ actorId: agentId, action: 'auth.reconnect' });
    },

    logout(token: string, agentId: string): void {
      sessions.close(token);
      // The portal token goes with the session: pending actions wait for the next login.
      tokens.drop(agentId);
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

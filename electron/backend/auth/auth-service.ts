import { createHash } from 'node:crypto';
import type { ActionJournal } from '../../../db/desktop/action-journal';
import type {
  AgentRepository,
  AgentRow,
  DirectoryAgent,
} from '../../../db/desktop/agent-repository';
import {
  accountLocked,
  sessionExpired,
  sessionLocked,
  UserFacingError,
  wrongUnlockPassword,
} from '../errors';
import { PortalFailure } from '../portal-link/portal-client';
import type { PortalTokens } from '../sync/portal-tokens';
import { hashPassword, verifyPassword } from './password';
import type { LockReason, SessionStore, SessionUse } from './sessions';

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
/**
 * After this many wrong passwords in a row (at login or to unlock a session) the account is locked
 * on this workstation for LOCK_MS, to stop password guessing at an unattended desk.
 */
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;
const LOCK_MINUTES = LOCK_MS / 60_000;

/** The failures of one login are counted under its canonical form, whatever was typed. */
const failureKey = (login: string) => login.trim().normalize('NFC').toLowerCase();

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

/**
 * What the journal keeps of the identifier typed at a failed login: nothing when it names an
 * agent (the entry's actor says who), otherwise a short hash — enough to see the same unknown
 * identifier tried again, never what was typed (a password typed in the wrong field, a name).
 */
export function typedLogin(key: string, actorId: string | null): { loginHash?: string } {
  return actorId ? {} : { loginHash: createHash('sha256').update(key).digest('hex').slice(0, 12) };
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

  const sessionIdleMinutes = Math.max(1, Math.round(sessions.idleMs / 60_000));

  const accountIsLocked = (key: string) => (failures.get(key)?.lockedUntil ?? 0) > now();

  /** One more wrong password for this login; the fifth in a row locks the account. */
  function registerFailure(key: string, actorId: string | null): { attemptsLeft: number } {
    const entry = failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    const attemptsLeft = MAX_FAILURES - entry.count;
    if (attemptsLeft <= 0) {
      entry.lockedUntil = now() + LOCK_MS;
      entry.count = 0;
      journal.record({ actorId, action: 'auth.account_locked', details: typedLogin(key, actorId) });
    }
    failures.set(key, entry);
    return { attemptsLeft };
  }

  /** The refusal of a wrong password: says so when this one locked the account. */
  function refusal(attemptsLeft: number, otherwise: () => UserFacingError): UserFacingError {
    return attemptsLeft <= 0 ? accountLocked(LOCK_MINUTES) : otherwise();
  }

  function journalLock(agentId: string, reason: LockReason): void {
    journal.record({ actorId: agentId, action: 'auth.session_locked', details: { reason } });
  }

  /** The session ends, and the portal token with it: pending actions wait for the next login. */
  function closeSession(token: string, agentId: string): void {
    sessions.close(token);
    tokens.drop(agentId);
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
    journal.record({
      actorId: agent?.id ?? null,
      action: 'auth.login_failed',
      details: { ...typedLogin(key, agent?.id ?? null), reason: 'refused_by_portal' },
    });
    const { attemptsLeft } = registerFailure(key, agent?.id ?? null);
    throw refusal(attemptsLeft, () => new UserFacingError('UNAUTHORIZED', INVALID_CREDENTIALS));
  }

  async function offlineLogin(key: string, password: string) {
    const agent = agents.findByLogin(key);
    const valid = await verifyPassword(password, agent?.passwordHash ?? (await decoy));
    if (!agent || !valid || agent.disabledAt) {
      journal.record({
        actorId: agent?.id ?? null,
        action: 'auth.login_failed',
        details: {
          ...typedLogin(key, agent?.id ?? null),
          reason: !agent ? 'unknown_login' : !valid ? 'wrong_password' : 'disabled',
          mode: 'offline',
        },
      });
      const { attemptsLeft } = registerFailure(key, agent?.id ?? null);
      // One message for every case, so it does not tell who has logged in on this workstation; a
      // workstation where the agent never logged in online cannot vouch for them.
      throw refusal(attemptsLeft, () => new UserFacingError('UNAUTHORIZED', OFFLINE_REFUSED));
    }
    failures.delete(key);
    journal.record({ actorId: agent.id, action: 'auth.login', details: { mode: 'offline' } });
    return { token: sessions.open(agent.id), agent: toPublic(agent), mode: 'offline' as const };
  }

  /** The session behind a token and its agent; null when there is none or the agent was revoked. */
  function sessionAgent(token: string | null, use: SessionUse) {
    const state = token ? sessions.use(token, use) : null;
    if (!state) return null;
    if (state.lockedNow) journalLock(state.agentId, 'idle');
    const agent = agents.findById(state.agentId);
    return agent && !agent.disabledAt ? { agent, lockReason: state.lockReason } : null;
  }

  return {
    /** The idle limit, for the renderer's own timer and for the lock's message. */
    sessionIdleMinutes,

    /**
     * The portal is the authority: when it answers, its verdict stands, and the local verifier is
     * refreshed (or forgotten when the portal refuses the password). When it cannot be reached,
     * an agent who already logged in online on this workstation is checked against the verifier.
     */
    async login(
      login: string,
      password: string,
    ): Promise<{ token: string; agent: PublicAgent; mode: LoginMode }> {
      const key = failureKey(login);
      if (accountIsLocked(key)) {
        const known = agents.findByLogin(key)?.id ?? null;
        journal.record({
          actorId: known,
          action: 'auth.login_locked',
          details: typedLogin(key, known),
        });
        throw accountLocked(LOCK_MINUTES);
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

    /** Closes the session whatever its state: « Se déconnecter » works from the lock too. */
    logout(token: string): void {
      const agentId = sessions.agentOf(token);
      if (!agentId) return;
      closeSession(token, agentId);
      journal.record({ actorId: agentId, action: 'auth.logout' });
    },

    /**
     * The agent behind a token, or null (unknown, closed, agent revoked); throws the
     * `session_locked` error while the session is locked, whatever the call. A call counts as
     * activity unless it is passive.
     */
    agentForToken(token: string | null, use: SessionUse = {}): PublicAgent | null {
      const found = sessionAgent(token, use);
      if (found?.lockReason) throw sessionLocked(found.lockReason, sessionIdleMinutes);
      return found ? toPublic(found.agent) : null;
    },

    /** The session as the renderer restores it after a reload: locked ones too, to ask for the password. */
    session(token: string | null): { agent: PublicAgent; locked: boolean } | null {
      const found = sessionAgent(token, {});
      return found ? { agent: toPublic(found.agent), locked: found.lockReason !== null } : null;
    },

    lock(token: string | null, reason: LockReason): void {
      const state = token ? sessions.lock(token, reason) : null;
      if (state?.lockedNow) journalLock(state.agentId, reason);
    },

    /**
     * The agent of a locked session gives their password (checked against the local verifier of
     * their last login on this workstation) and the same token resumes. Wrong passwords count with
     * the login's: the one that locks the account closes the session.
     */
    async unlock(token: string | null, password: string): Promise<PublicAgent> {
      const agentId = token ? sessions.agentOf(token) : null;
      if (!token || !agentId) throw sessionExpired();
      const agent = agents.findById(agentId);
      // Revoked meanwhile, or a verifier the portal made the workstation forget: log in again.
      if (!agent?.passwordHash || agent.disabledAt) {
        closeSession(token, agentId);
        throw sessionExpired();
      }
      const key = failureKey(agent.login);
      if (accountIsLocked(key)) {
        closeSession(token, agentId);
        journal.record({
          actorId: agentId,
          action: 'auth.unlock_failed',
          details: { reason: 'account_locked' },
        });
        throw accountLocked(LOCK_MINUTES);
      }
      if (!(await verifyPassword(password, agent.passwordHash))) {
        journal.record({
          actorId: agentId,
          action: 'auth.unlock_failed',
          details: { reason: 'wrong_password' },
        });
        const { attemptsLeft } = registerFailure(key, agentId);
        if (attemptsLeft <= 0) closeSession(token, agentId);
        throw refusal(attemptsLeft, () => wrongUnlockPassword(attemptsLeft));
      }
      if (!sessions.unlock(token)) throw sessionExpired();
      failures.delete(key);
      journal.record({ actorId: agentId, action: 'auth.unlock' });
      return toPublic(agent);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

import { randomBytes } from 'node:crypto';

export interface SessionStoreOptions {
  /** A session without activity for this long is locked (the workstation may be left unattended). */
  idleMs: number;
  now?: () => number;
}

export interface SessionUse {
  /** How the call counts: a passive one (a poll the renderer sends on a timer) is no activity. */
  passive?: boolean;
}

/** Why a session was locked: the idle limit passed, or the agent (or their screen) asked. */
export type LockReason = 'idle' | 'agent';

/** What a call with a token finds: whose session it is, and whether (and why) it is locked. */
export interface SessionState {
  agentId: string;
  locked: boolean;
  lockReason: LockReason | null;
  /** This very call found the session idle past the limit and locked it. */
  lockedNow: boolean;
}

interface Session {
  agentId: string;
  /** The last activity: an active call, the renderer's heartbeat, the login or an unlock. */
  lastSeen: number;
  lockReason: LockReason | null;
}

const stateOf = ({ agentId, lockReason }: Session, lockedNow: boolean): SessionState => ({
  agentId,
  locked: lockReason !== null,
  lockReason,
  lockedNow,
});

/**
 * Sessions live in memory only: restarting the application logs everyone out. An idle session is
 * locked, not closed: the agent's screen waits behind the lock until they give their password.
 */
export function createSessionStore({ idleMs, now = Date.now }: SessionStoreOptions) {
  if (!Number.isInteger(idleMs) || idleMs <= 0)
    throw new Error(`Durée d'inactivité de session invalide : ${idleMs} ms.`);
  const sessions = new Map<string, Session>();
  return {
    idleMs,
    open(agentId: string): string {
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { agentId, lastSeen: now(), lockReason: null });
      return token;
    },
    /**
     * The session behind a token, locked first when it has been idle past the limit; an active
     * call on an unlocked session counts as activity. null when the token is unknown or closed.
     */
    use(token: string, { passive = false }: SessionUse = {}): SessionState | null {
      const session = sessions.get(token);
      if (!session) return null;
      const lockedNow = !session.lockReason && now() - session.lastSeen > idleMs;
      if (lockedNow) session.lockReason = 'idle';
      if (!session.lockReason && !passive) session.lastSeen = now();
      return stateOf(session, lockedNow);
    },
    /** Whose session a token is, without counting as activity nor locking it. */
    agentOf(token: string): string | null {
      return sessions.get(token)?.agentId ?? null;
    },
    /** Locks at once (the agent's « Verrouiller », or the renderer's own idle timer). */
    lock(token: string, reason: LockReason): SessionState | null {
      const session = sessions.get(token);
      if (!session) return null;
      const lockedNow = !session.lockReason;
      session.lockReason ??= reason;
      return stateOf(session, lockedNow);
    },
    /** The agent gave their password again: the same token resumes. False when it was closed meanwhile. */
    unlock(token: string): boolean {
      const session = sessions.get(token);
      if (!session) return false;
      session.lockReason = null;
      session.lastSeen = now();
      return true;
    },
    close(token: string): void {
      sessions.delete(token);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

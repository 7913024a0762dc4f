import { randomBytes } from 'node:crypto';

export interface SessionStoreOptions {
  /** A session unused for this long is closed (the workstation may be left unattended). */
  idleMs: number;
  now?: () => number;
}

interface Session {
  agentId: string;
  lastSeen: number;
}

/** Sessions live in memory only: restarting the application logs everyone out. */
export function createSessionStore({ idleMs, now = Date.now }: SessionStoreOptions) {
  const sessions = new Map<string, Session>();
  return {
    open(agentId: string): string {
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { agentId, lastSeen: now() });
      return token;
    },
    /** The agent behind a token, refreshing its idle timer; null when unknown or expired. */
    touch(token: string): string | null {
      const session = sessions.get(token);
      if (!session) return null;
      if (now() - session.lastSeen > idleMs) {
        sessions.delete(token);
        return null;
      }
      session.lastSeen = now();
      return session.agentId;
    },
    close(token: string): void {
      sessions.delete(token);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

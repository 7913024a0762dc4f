import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, errorCode, errorMessage, onSessionLocked, setSessionToken } from '../api/trpc-client';

type Agent = Awaited<ReturnType<typeof api.auth.login.mutate>>['agent'];

/**
 * Who is logged in on this workstation. The token stays in memory: closing the window logs out.
 * A locked session keeps everything (the page, the dossier, unsaved text) behind the lock.
 */
export const useSessionStore = defineStore('session', () => {
  const agent = ref<Agent | null>(null);
  /** The session is locked: the screen waits behind the lock until the password is given. */
  const locked = ref(false);
  /** The backend locks a session idle for this long; the screen locks itself at the same limit. */
  const idleMinutes = ref(10);
  /** Why the session was closed from the lock (account locked…), to say so over the login page. */
  const closedNotice = ref<string | null>(null);

  // The calls refused by the lock wait on this; settled when the agent unlocks or leaves.
  let waiting: { promise: Promise<boolean>; settle: (resumed: boolean) => void } | null = null;

  function showLock(): Promise<boolean> {
    if (!agent.value) return Promise.resolve(false);
    locked.value = true;
    if (!waiting) {
      let settle: (resumed: boolean) => void = () => undefined;
      const promise = new Promise<boolean>((resolve) => (settle = resolve));
      waiting = { promise, settle };
    }
    return waiting.promise;
  }

  function endLock(resumed: boolean): void {
    locked.value = false;
    waiting?.settle(resumed);
    waiting = null;
  }

  onSessionLocked(showLock);

  async function login(login: string, password: string): Promise<void> {
    const result = await api.auth.login.mutate({ login, password });
    setSessionToken(result.token);
    agent.value = result.agent;
    idleMinutes.value = result.sessionIdleMinutes;
    closedNotice.value = null;
  }

  async function logout(): Promise<void> {
    try {
      await api.auth.logout.mutate();
    } finally {
      expire();
    }
  }

  /** After a reload, Electron still holds the window's session: pick it up, locked or not. */
  async function restore(): Promise<void> {
    const session = await api.auth.me.query().catch(() => null);
    agent.value = session?.agent ?? null;
    if (!session) return;
    idleMinutes.value = session.sessionIdleMinutes;
    if (session.locked) void showLock();
  }

  /** Covers the screen at once, then locks the session in the backend. */
  async function lock(reason: 'idle' | 'agent'): Promise<void> {
    void showLock();
    // Unreachable backend: the screen stays locked all the same.
    await api.auth.lock.mutate({ reason }).catch(() => undefined);
  }

  /**
   * The agent's password resumes the session; the calls held meanwhile are sent again. Throws the
   * backend's French message; when the session was closed instead (the attempt that locked the
   * account), it is forgotten here too and `closedNotice` says why.
   */
  async function unlock(password: string): Promise<void> {
    try {
      const result = await api.auth.unlock.mutate({ password });
      agent.value = result.agent;
      idleMinutes.value = result.sessionIdleMinutes;
      endLock(true);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'TOO_MANY_REQUESTS' || code === 'UNAUTHORIZED') {
        closedNotice.value = errorMessage(error);
        expire();
      }
      throw error;
    }
  }

  /** Forget a session the backend no longer knows (expired, closed, or the backend restarted). */
  function expire(): void {
    setSessionToken(null);
    agent.value = null;
    endLock(false);
  }

  return {
    agent,
    locked,
    idleMinutes,
    closedNotice,
    login,
    logout,
    restore,
    lock,
    unlock,
    expire,
  };
});

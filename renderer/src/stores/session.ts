import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api, setSessionToken } from '../api/trpc-client';

type Agent = Awaited<ReturnType<typeof api.auth.login.mutate>>['agent'];

/** Who is logged in on this workstation. The token stays in memory: closing the window logs out. */
export const useSessionStore = defineStore('session', () => {
  const agent = ref<Agent | null>(null);

  async function login(login: string, password: string): Promise<void> {
    const result = await api.auth.login.mutate({ login, password });
    setSessionToken(result.token);
    agent.value = result.agent;
  }

  async function logout(): Promise<void> {
    try {
      await api.auth.logout.mutate();
    } finally {
      setSessionToken(null);
      agent.value = null;
    }
  }

  /** After a reload, Electron still holds the window's session: pick it up instead of asking again. */
  async function restore(): Promise<void> {
    agent.value = await api.auth.me.query().catch(() => null);
  }

  /** Forget a session the backend no longer knows (expired, or the backend restarted). */
  function expire(): void {
    setSessionToken(null);
    agent.value = null;
  }

  return { agent, login, logout, restore, expire };
});

/**
 * The portal tokens of the agents logged in on this workstation, in memory only: a token is a
 * key to the most sensitive data, so it never touches the disk. After a restart, or an offline
 * login, the agent gives their password again to sync (connection 'reauth').
 */
export function createPortalTokens() {
  const tokens = new Map<string, string>();
  let latest: string | null = null;
  return {
    set(agentId: string, token: string) {
      tokens.set(agentId, token);
      latest = agentId;
    },
    get: (agentId: string): string | null => tokens.get(agentId) ?? null,
    /** The portal refused it (expired, revoked). */
    drop(agentId: string) {
      tokens.delete(agentId);
      if (latest === agentId) latest = tokens.keys().next().value ?? null;
    },
    /** The token of the agent who logged in last, for what any agent of the service may do (pull). */
    current(): { agentId: string; token: string } | null {
      const token = latest ? tokens.get(latest) : undefined;
      return latest && token ? { agentId: latest, token } : null;
    },
    has: (agentId: string) => tokens.has(agentId),
  };
}

export type PortalTokens = ReturnType<typeof createPortalTokens>;

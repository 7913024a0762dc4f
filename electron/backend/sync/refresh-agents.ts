import type { AgentRepository } from '../../../db/desktop/agent-repository';
import { portalCall, type PortalClient } from '../portal-link/portal-client';

/**
 * Mirrors the service's agents from the portal's directory (names for the queue, roles, who was
 * revoked). Roles are re-read at each sync: the portal is the authority.
 */
export async function refreshAgents(agents: AgentRepository, client: PortalClient): Promise<void> {
  const directory = await portalCall(() => client.trpc.backoffice.agents.query());
  for (const agent of directory)
    agents.upsertFromDirectory({
      id: agent.id,
      login: agent.login,
      displayName: agent.name,
      role: agent.role,
      serviceCode: agent.serviceCode,
      disabled: agent.disabled,
    });
}

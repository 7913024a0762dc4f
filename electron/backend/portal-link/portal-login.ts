import type { PortalLogin } from '../auth/auth-service';
import { portalCall, type PortalClient } from './portal-client';

/** backoffice.login, its answer in the workstation's terms. */
export function portalLoginWith(client: () => PortalClient): PortalLogin {
  return async (login, password) => {
    const answer = await portalCall(() =>
      client().trpc.backoffice.login.mutate({ login, password }),
    );
    return {
      token: answer.token,
      agent: {
        id: answer.agent.id,
        login: answer.agent.login,
        displayName: answer.agent.name,
        role: answer.agent.role,
        serviceCode: answer.agent.serviceCode,
        disabled: false,
      },
    };
  };
}

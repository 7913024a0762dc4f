import type { AgentRepository } from '../../../db/desktop/agent-repository';
import { hashPassword } from '../auth/password';

/**
 * Without a portal to authenticate against, a new workstation would have nobody able to log in.
 * In demonstration mode the first start creates an agent and a supervisor of the Nord prefecture;
 * the login page shows their credentials so nobody has to read the documentation first.
 */
export const DEMO_ACCOUNTS = [
  {
    login: 'agent.nord',
    password: 'Demo-Agent-59',
    displayName: 'Camille Lefebvre',
    role: 'agent',
    serviceCode: '59',
  },
  {
    login: 'chef.nord',
    password: 'Demo-Chef-59',
    displayName: 'Dominique Roussel',
    role: 'supervisor',
    serviceCode: '59',
  },
] as const;

export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

/** Creates the demo accounts when the workstation has no agent yet; returns how many it created. */
export async function seedDemoAgents(agents: AgentRepository): Promise<number> {
  if (agents.count() > 0) return 0;
  for (const { password, ...account } of DEMO_ACCOUNTS) {
    agents.create({ ...account, passwordHash: await hashPassword(password) });
  }
  return DEMO_ACCOUNTS.length;
}

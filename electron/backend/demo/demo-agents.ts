/**
 * The embedded default's agents: an agent and a supervisor of the Nord prefecture, created in the
 * embedded portal at each start (idempotent). The login page shows their credentials so nobody
 * has to read the documentation first. Never created in a real portal.
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

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  activeApplicant,
  AGENT_PASSWORD,
  DAY_MS,
  failure,
  loggedAgent,
  portalClient,
  submitted,
  usePortal,
} from './testing/harness';

const server = usePortal();
const production = usePortal({ dev: false });

/** The portal's time as a workstation reads it: the `Date` header (second precision). */
async function headerTime(url: string, init?: RequestInit): Promise<number> {
  const response = await fetch(url, init);
  return new Date(response.headers.get('date') ?? '').getTime();
}

/** Within `slack` ms of `expected`, allowing for the header's whole seconds. */
function near(actual: number, expected: number, slack = 5_000) {
  expect(Math.abs(actual - expected)).toBeLessThan(slack);
}

describe('dev.setClock', () => {
  it('moves dev.clock and the Date header of every route, and goes back to real time', async () => {
    near(await headerTime(`${server.url}/healthz`), Date.now());
    const target = Date.now() + 31 * DAY_MS;
    const set = await server.client().dev.setClock.mutate({ at: new Date(target).toISOString() });
    near(new Date(set.now).getTime(), target);
    near(new Date((await server.client().dev.clock.query()).now).getTime(), target);
    near(await headerTime(`${server.url}/healthz`), target);
    near(await headerTime(`${server.url}/trpc/dev.clock`), target);
    near(await headerTime(`${server.url}/files`, { method: 'POST', body: 'x' }), target);
    near(await headerTime(`${server.url}/files/${'a'.repeat(64)}`), target);

    // It keeps running from there.
    const first = new Date((await server.client().dev.clock.query()).now).getTime();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(new Date((await server.client().dev.clock.query()).now).getTime()).toBeGreaterThan(
      first,
    );

    const back = await server.client().dev.setClock.mutate({ at: null });
    near(new Date(back.now).getTime(), Date.now());
    near(await headerTime(`${server.url}/healthz`), Date.now());
  });

  it('refuses an instant without its time zone', async () => {
    const error = await failure(server.client().dev.setClock.mutate({ at: '2026-12-28' }));
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.issues?.[0]).toMatchObject({
      path: 'at',
      message: "L'instant doit être une date et heure ISO 8601 avec fuseau (ou null).",
    });
  });

  it('lets a supplement request read 31 days ago be closed as incomplete', async () => {
    let agent = await loggedAgent(server.url);
    const applicant = await activeApplicant(server.url);
    const { applicationNumber } = await submitted(server.url, applicant);
    const push = async (type: string, baseVersion: number, payload = {}) => {
      const { now } = await server.client().dev.clock.query();
      const mutation = { id: randomUUID(), type, applicationNumber, baseVersion, at: now, payload };
      const { results } = await agent.client.backoffice.push.mutate({ mutations: [mutation] });
      return results[0];
    };
    expect((await push('startReview', 1))?.outcome).toBe('applied');
    expect(
      (
        await push('requestSupplement', 2, {
          items: [{ documentKey: 'identity', observation: 'Illisible.' }],
        })
      )?.outcome,
    ).toBe('applied');
    const [notice] = await applicant.client.applicant.notifications.list.query();
    await applicant.client.applicant.notifications.open.mutate({ id: notice!.id });
    const early = await push('closeIncomplete', 3);
    expect(early?.outcome).toBe('rejected');
    expect(early?.reason).toMatch(/jusqu'au \d{2}\/\d{2}\/\d{4} inclus\.$/);

    await server
      .client()
      .dev.setClock.mutate({ at: new Date(Date.now() + 31 * DAY_MS).toISOString() });
    // Sessions run on the same clock: a month later, the agent logs in again.
    const expired = await failure(agent.client.backoffice.me.query());
    expect(expired.data?.code).toBe('UNAUTHORIZED');
    const { token } = await server
      .client()
      .backoffice.login.mutate({ login: agent.login, password: AGENT_PASSWORD });
    agent = { ...agent, token, client: portalClient(server.url, token) };
    expect(await push('closeIncomplete', 3)).toMatchObject({ outcome: 'applied', version: 4 });
  });
});

describe('without dev mode', () => {
  it('has no dev.setClock nor dev.clock, and the Date header is the real time', async () => {
    const setClock = await failure(production.client().dev.setClock.mutate({ at: null }));
    expect(setClock.data?.code).toBe('NOT_FOUND');
    const clock = await failure(production.client().dev.clock.query());
    expect(clock.data?.code).toBe('NOT_FOUND');
    near(await headerTime(`${production.url}/healthz`), Date.now());
  });
});

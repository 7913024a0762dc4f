import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServer } from '../../host/http-server';
import type { AppRouter } from '../router';
import { createPortalAgent, TEST_PASSWORD, usePortalProcess } from '../testing/portal-fixture';
import { openWorkstation, type TestWorkstation } from '../testing/workstation';

// The session lock through the headless host, over real HTTP, against a real portal process: the
// marker every refused call carries, the unlock that resumes the same token, the passive status
// poll that never keeps a session open, the heartbeat that does.

const portal = usePortalProcess();
/** The default limit (10 minutes): locked on demand only. */
let station: TestWorkstation;
/** A 3-second limit, to see the idle lock happen for real. */
let hasty: TestWorkstation;
const servers: ReturnType<typeof createHostServer>[] = [];
let base: string;
let hastyBase: string;

const client = (url: string, token: string | null) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: () => (token ? { Authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });

async function refusal(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TRPCClientError);
  return outcome as TRPCClientError<AppRouter>;
}

async function serve(workstation: TestWorkstation): Promise<string> {
  const renderer = join(workstation.dataDir, 'renderer');
  mkdirSync(renderer);
  const server = createHostServer(workstation.backend, renderer);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const login = async (url: string) =>
  client(url, null).auth.login.mutate({ login: 'lucie.bernard', password: TEST_PASSWORD });

const LOCKED_MESSAGE = (minutes: string) =>
  `Session verrouillée après ${minutes} d'inactivité : saisissez votre mot de passe.`;

beforeAll(async () => {
  await createPortalAgent(portal(), { name: 'Lucie Bernard', login: 'lucie.bernard' });
  await createPortalAgent(portal(), { name: 'Marc Petit', login: 'marc.petit' });
  station = await openWorkstation(portal().url);
  hasty = await openWorkstation(portal().url, { sessionIdleMs: 3_000 });
  base = await serve(station);
  hastyBase = await serve(hasty);
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await station?.close();
  await hasty?.close();
});

describe('session lock over HTTP', () => {
  it('tells the renderer the limit, locks on demand, refuses every call with the marker, and unlocks the same token', async () => {
    const { token, sessionIdleMinutes } = await login(base);
    expect(sessionIdleMinutes).toBe(10);
    const api = client(base, token);
    await api.auth.activity.mutate();
    await api.auth.lock.mutate({ reason: 'idle' });

    for (const call of [api.queue.page.query({ tab: 'all' }), api.sync.status.query()]) {
      const locked = await refusal(call);
      expect(locked.data?.code).toBe('UNAUTHORIZED');
      expect(locked.message).toBe(LOCKED_MESSAGE('10 minutes'));
      expect(locked.data?.issues).toEqual([
        { path: '', code: 'session_locked', message: locked.message },
      ]);
    }
    expect(await api.auth.me.query()).toMatchObject({
      agent: { displayName: 'Lucie Bernard' },
      locked: true,
      sessionIdleMinutes: 10,
    });

    const wrong = await refusal(api.auth.unlock.mutate({ password: 'pas-le-bon' }));
    expect(wrong.data?.code).toBe('BAD_REQUEST');
    expect(wrong.message).toBe(
      'Mot de passe incorrect. Encore 4 tentatives avant le verrouillage du compte.',
    );
    const empty = await refusal(api.auth.unlock.mutate({ password: '' }));
    expect(empty.data?.issues?.[0]?.message).toBe('Saisissez votre mot de passe.');

    expect(await api.auth.unlock.mutate({ password: TEST_PASSWORD })).toMatchObject({
      agent: { displayName: 'Lucie Bernard' },
    });
    expect(await api.queue.page.query({ tab: 'all' })).toHaveProperty('rows');
    const journal = station.backend.journal.list({ limit: 4 }).map((entry) => entry.action);
    expect(journal).toEqual([
      'auth.unlock',
      'auth.unlock_failed',
      'auth.session_locked',
      'auth.login',
    ]);
  });

  it('closes the session at the fifth wrong password, and says the account is locked for 15 minutes', async () => {
    const { token } = await client(base, null).auth.login.mutate({
      login: 'marc.petit',
      password: TEST_PASSWORD,
    });
    const api = client(base, token);
    await api.auth.lock.mutate({ reason: 'agent' });
    for (let i = 4; i >= 1; i -= 1) {
      const wrong = await refusal(api.auth.unlock.mutate({ password: `essai-${i}` }));
      expect(wrong.data?.code).toBe('BAD_REQUEST');
      expect(wrong.message).toMatch(
        new RegExp(`^Mot de passe incorrect\\. Encore ${i} tentatives? `),
      );
    }
    const fifth = await refusal(api.auth.unlock.mutate({ password: 'essai-0' }));
    expect(fifth.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(fifth.data?.issues).toEqual([
      {
        path: '',
        code: 'account_locked',
        message: 'Trop de tentatives : compte verrouillé pendant 15 minutes.',
      },
    ]);
    expect(await api.auth.me.query()).toBeNull();
    const login = await refusal(
      client(base, null).auth.login.mutate({ login: 'marc.petit', password: TEST_PASSWORD }),
    );
    expect(login.message).toBe('Trop de tentatives : compte verrouillé pendant 15 minutes.');
  });

  it('logs out from the lock', async () => {
    const { token } = await login(base);
    const api = client(base, token);
    await api.auth.lock.mutate({ reason: 'idle' });
    await api.auth.logout.mutate();
    expect(await api.auth.me.query()).toBeNull();
    const closed = await refusal(api.queue.page.query({ tab: 'all' }));
    expect(closed.message).toBe('Votre session a expiré. Veuillez vous reconnecter.');
    expect(closed.data?.issues).toBeUndefined();
  });

  it('locks an idle session although the status is polled; the heartbeat keeps it open', async () => {
    const { token, sessionIdleMinutes } = await login(hastyBase);
    expect(sessionIdleMinutes).toBe(1); // 3 s, said as the nearest whole minute (at least one)
    const api = client(hastyBase, token);
    for (let i = 0; i < 4; i += 1) {
      await sleep(700);
      await api.auth.activity.mutate();
    }
    expect(await api.queue.page.query({ tab: 'all' })).toHaveProperty('rows');

    // The pages' polls: the sync status, and a batch renewal's progress (an unknown job here).
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => 'ok',
        (error: unknown) =>
          (error as TRPCClientError<AppRouter>).data?.issues?.[0]?.code ??
          (error as TRPCClientError<AppRouter>).data?.code ??
          '?',
      );
    const polls: string[][] = [];
    for (let i = 0; i < 6; i += 1) {
      await sleep(700);
      polls.push([
        await outcome(api.sync.status.query()),
        await outcome(
          api.instruction.renewalProgress.query({ jobId: '00000000-0000-4000-8000-000000000000' }),
        ),
      ]);
    }
    expect(polls[0]).toEqual(['ok', 'NOT_FOUND']);
    expect(polls.at(-1)).toEqual(['session_locked', 'session_locked']);
    const locked = await refusal(api.queue.page.query({ tab: 'all' }));
    expect(locked.message).toBe(LOCKED_MESSAGE('1 minute'));
    expect(hasty.backend.journal.list({ limit: 1 })[0]).toMatchObject({
      action: 'auth.session_locked',
      details: { reason: 'idle' },
    });
  });
});

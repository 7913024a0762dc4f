import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend/backend';
import type { AppRouter } from '../backend/router';
import { PORTAL_SCRIPT } from '../backend/testing/portal-fixture';
import { createHostServer } from './http-server';

// The headless host end to end over real HTTP on loopback: a real SQLite file, the real router,
// and the embedded default's real portal process.
let dir: string;
let backend: Backend;
let server: ReturnType<typeof createHostServer>;
let base: string;

const client = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        headers: () => (token ? { Authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });

async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'instructeur-host-'));
  mkdirSync(join(dir, 'renderer/assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><title>Instructeur</title>');
  writeFileSync(join(dir, 'renderer/assets/app-1234.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'ne doit pas sortir');
  backend = await createBackend({
    dataDir: join(dir, 'data'),
    version: 'test',
    embedded: { portalScript: PORTAL_SCRIPT },
    autoSync: false,
  });
  server = createHostServer(backend, join(dir, 'renderer'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('headless host', () => {
  it('answers /healthz with 200', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('serves the renderer with its Content Security Policy, and index.html for app routes', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Instructeur</title>');
    expect((await fetch(`${base}/file`)).status).toBe(200);
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/absent.js`)).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text()).not.toContain('ne doit pas sortir');
    }
  });

  it('tells the login page about the demo accounts', async () => {
    const info = await client().health.info.query();
    expect(info.ok).toBe(true);
    expect(info.demoAccounts.map((a) => a.login)).toEqual(['agent.nord', 'chef.nord']);
  });

  it('logs an agent in, lists the queue of their service, and logs out', async () => {
    const { token, agent, mode } = await client().auth.login.mutate({
      login: 'Agent.Nord',
      password: 'Demo-Agent-59',
    });
    expect(agent).toMatchObject({ login: 'agent.nord', role: 'agent', serviceCode: '59' });
    expect(mode).toBe('online');
    expect(agent).not.toHaveProperty('passwordHash');
    expect(await client(token).auth.me.query()).toMatchObject({
      agent: { id: agent.id },
      locked: false,
      sessionIdleMinutes: 10,
    });
    expect(await client(token).queue.page.query({ tab: 'all' })).toMatchObject({ rows: [] });
    await client(token).auth.logout.mutate();
    const expired = await failure(client(token).queue.page.query({ tab: 'all' }));
    expect(expired.data?.code).toBe('UNAUTHORIZED');
    expect(expired.message).toBe('Votre session a expiré. Veuillez vous reconnecter.');
    const actions = backend.journal.list({ actorId: agent.id, limit: 10 }).map((a) => a.action);
    expect(actions).toEqual(['auth.logout', 'auth.login']);
  });

  it('refuses a wrong password and an unknown login with the same French message', async () => {
    const wrong = await failure(
      client().auth.login.mutate({ login: 'chef.nord', password: 'faux' }),
    );
    const unknown = await failure(
      client().auth.login.mutate({ login: 'personne', password: 'faux' }),
    );
    for (const error of [wrong, unknown]) {
      expect(error.data?.code).toBe('UNAUTHORIZED');
      expect(error.message).toBe('Identifiant ou mot de passe incorrect.');
    }
    const failed = backend.journal.list({ limit: 2 });
    expect(failed.map((a) => a.action)).toEqual(['auth.login_failed', 'auth.login_failed']);
    // An unknown identifier is kept as a short hash only: it may be a password typed in the wrong field.
    expect(failed[0]?.details).toEqual({
      loginHash: expect.stringMatching(/^[0-9a-f]{12}$/),
      reason: 'refused_by_portal',
    });
  });

  it('locks a login for 15 minutes at the fifth failure in a row', async () => {
    for (let i = 0; i < 4; i++) {
      await failure(client().auth.login.mutate({ login: 'verrou', password: `essai-${i}` }));
    }
    for (const password of ['essai-4', 'encore']) {
      const locked = await failure(client().auth.login.mutate({ login: 'verrou', password }));
      expect(locked.data?.code).toBe('TOO_MANY_REQUESTS');
      expect(locked.message).toBe('Trop de tentatives : compte verrouillé pendant 15 minutes.');
      expect(locked.data?.issues).toEqual([
        { path: '', code: 'account_locked', message: locked.message },
      ]);
    }
  });

  it('refuses malformed input with per-field French messages, without crashing', async () => {
    const empty = await failure(client().auth.login.mutate({ login: '  ', password: '' }));
    expect(empty.data?.code).toBe('BAD_REQUEST');
    expect(empty.message).toBe('Certaines informations saisies ne sont pas valides.');
    expect(empty.data?.issues).toEqual([
      { path: 'login', code: 'too_small', message: 'Saisissez votre identifiant.' },
      { path: 'password', code: 'too_small', message: 'Saisissez votre mot de passe.' },
    ]);

    const wrongType = await failure(
      client().auth.login.mutate({ login: 42, password: null } as unknown as {
        login: string;
        password: string;
      }),
    );
    expect(wrongType.data?.issues?.[0]).toMatchObject({ path: 'login', code: 'invalid_type' });
    expect(wrongType.data?.issues?.[0]?.message).toMatch(/^Entrée invalide/);

    const badFilter = await failure(client().queue.page.query({ status: 'perdu' } as never));
    expect(badFilter.data?.code).toBe('UNAUTHORIZED'); // no session: refused before reading input
  });

  it('answers raw malformed JSON with a French error, and keeps serving', async () => {
    const response = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"login": "agent.nord", ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.message).toBe('La requête reçue est incorrecte.');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('refuses an unknown procedure with a French message', async () => {
    const response = await fetch(`${base}/trpc/dossiers.supprimerTout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe("L'élément demandé n'existe pas.");
  });
});

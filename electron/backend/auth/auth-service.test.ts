import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActionJournal } from '../../../db/desktop/action-journal';
import { createAgentRepository, type DirectoryAgent } from '../../../db/desktop/agent-repository';
import { openDesktopDatabase } from '../../../db/desktop/open-desktop-database';
import { useTempFiles } from '../../../db/testing/temp-dir';
import { PortalFailure } from '../portal-link/portal-client';
import { createPortalTokens } from '../sync/portal-tokens';
import { createAuthService, typedLogin, type PortalLogin } from './auth-service';
import { createSessionStore } from './sessions';

// The session lock on a fake clock: a real SQLite journal and agent table, a portal that knows
// one agent and one password.

const temp = useTempFiles();
const PASSWORD = 'Bon-Mot-2026';
const MINUTE = 60_000;
const camille: DirectoryAgent = {
  id: '5b0f3f5e-3c1a-4d8e-9a51-0d6a2b1c7e10',
  login: 'agent.nord',
  displayName: 'Camille Lefebvre',
  role: 'agent',
  serviceCode: '59',
  disabled: false,
};

function workstation() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  let now = Date.parse('2026-03-02T08:00:00Z');
  const clock = () => now;
  const portalLogin: PortalLogin = async (login, password) => {
    if (login.trim().toLowerCase() === camille.login && password === PASSWORD)
      return { token: 'jeton-portail', agent: camille };
    throw new PortalFailure('refused', 'Identifiant ou mot de passe incorrect.', 'UNAUTHORIZED');
  };
  const journal = createActionJournal(db);
  const tokens = createPortalTokens();
  const auth = createAuthService({
    agents: createAgentRepository(db),
    journal,
    tokens,
    sessions: createSessionStore({ idleMs: 10 * MINUTE, now: clock }),
    portalLogin,
    now: clock,
  });
  return {
    auth,
    tokens,
    advance: (ms: number) => (now += ms),
    /** The journal's actions, oldest first. */
    actions: () =>
      journal
        .list({ limit: 100 })
        .reverse()
        .map(({ action, details }) => ({ action, details })),
    login: async () => (await auth.login('agent.nord', PASSWORD)).token,
  };
}

const LOCKED = {
  code: 'UNAUTHORIZED',
  message: "Session verrouillée après 10 minutes d'inactivité : saisissez votre mot de passe.",
  issues: [
    {
      path: '',
      code: 'session_locked',
      message: "Session verrouillée après 10 minutes d'inactivité : saisissez votre mot de passe.",
    },
  ],
};
const ACCOUNT_LOCKED = {
  code: 'TOO_MANY_REQUESTS',
  message: 'Trop de tentatives : compte verrouillé pendant 15 minutes.',
};

describe('session lock', () => {
  it('locks a session idle past the limit: every call is refused with the marker, journaled once', async () => {
    const station = workstation();
    const token = await station.login();
    station.advance(10 * MINUTE);
    expect(station.auth.agentForToken(token)).toMatchObject({ displayName: 'Camille Lefebvre' });
    station.advance(10 * MINUTE + 1);
    expect(() => station.auth.agentForToken(token)).toThrow(expect.objectContaining(LOCKED));
    expect(() => station.auth.agentForToken(token, { passive: true })).toThrow(
      expect.objectContaining(LOCKED),
    );
    expect(station.auth.session(token)).toMatchObject({ locked: true, agent: { id: camille.id } });
    expect(station.actions().slice(1)).toEqual([
      { action: 'auth.session_locked', details: { reason: 'idle' } },
    ]);
  });

  it('does not count passive calls as activity; the heartbeat does', async () => {
    const station = workstation();
    const token = await station.login();
    for (let minute = 1; minute <= 9; minute += 1) {
      station.advance(MINUTE);
      station.auth.agentForToken(token, { passive: true }); // the sync status poll
    }
    station.auth.agentForToken(token); // auth.activity: the agent typed
    station.advance(9 * MINUTE);
    expect(station.auth.agentForToken(token, { passive: true })).not.toBeNull();
    station.advance(1 * MINUTE + 1);
    expect(() => station.auth.agentForToken(token, { passive: true })).toThrow(
      expect.objectContaining(LOCKED),
    );
  });

  it('unlocks with the right password: the same token resumes, failures are forgotten', async () => {
    const station = workstation();
    const token = await station.login();
    station.auth.lock(token, 'agent');
    station.auth.lock(token, 'idle'); // already locked: journaled once
    expect(() => station.auth.agentForToken(token)).toThrow(
      expect.objectContaining({
        code: 'UNAUTHORIZED',
        message: 'Session verrouillée : saisissez votre mot de passe.',
        issues: [expect.objectContaining({ code: 'session_locked' })],
      }),
    );

    await expect(station.auth.unlock(token, 'pas-le-bon')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Mot de passe incorrect. Encore 4 tentatives avant le verrouillage du compte.',
      issues: [{ path: 'password', code: 'wrong_password' }],
    });
    expect(await station.auth.unlock(token, PASSWORD)).toMatchObject({ id: camille.id });
    expect(station.auth.agentForToken(token)).toMatchObject({ id: camille.id });
    expect(station.tokens.has(camille.id)).toBe(true);

    // The failure before the unlock no longer counts.
    station.auth.lock(token, 'agent');
    for (let i = 0; i < 3; i += 1) await station.auth.unlock(token, 'faux').catch(() => undefined);
    await expect(station.auth.unlock(token, 'faux')).rejects.toMatchObject({
      message: 'Mot de passe incorrect. Encore 1 tentative avant le verrouillage du compte.',
    });
    expect(station.actions().map((entry) => entry.action)).toEqual([
      'auth.login',
      'auth.session_locked',
      'auth.unlock_failed',
      'auth.unlock',
      'auth.session_locked',
      'auth.unlock_failed',
      'auth.unlock_failed',
      'auth.unlock_failed',
      'auth.unlock_failed',
    ]);
    expect(station.actions()[1]).toEqual({
      action: 'auth.session_locked',
      details: { reason: 'agent' },
    });
    expect(JSON.stringify(station.actions())).not.toContain('faux');
  });

  it('locks the account at the fifth wrong password and closes the session; login refused for 15 minutes', async () => {
    const station = workstation();
    const token = await station.login();
    station.auth.lock(token, 'idle');
    for (let i = 0; i < 4; i += 1) {
      await expect(station.auth.unlock(token, `essai-${i}`)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    await expect(station.auth.unlock(token, 'essai-4')).rejects.toMatchObject(ACCOUNT_LOCKED);
    // Closed, not locked: back to the login page, and the portal token went with it.
    expect(station.auth.agentForToken(token)).toBeNull();
    expect(station.auth.session(token)).toBeNull();
    expect(station.tokens.has(camille.id)).toBe(false);
    await expect(station.auth.unlock(token, PASSWORD)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Votre session a expiré. Veuillez vous reconnecter.',
    });
    expect(station.actions().slice(-2)).toEqual([
      { action: 'auth.unlock_failed', details: { reason: 'wrong_password' } },
      // The agent is known: the entry's actor says who, the typed identifier is not kept.
      { action: 'auth.account_locked', details: {} },
    ]);

    await expect(station.auth.login('Agent.Nord', PASSWORD)).rejects.toMatchObject(ACCOUNT_LOCKED);
    station.advance(15 * MINUTE - 1);
    await expect(station.auth.login('agent.nord', PASSWORD)).rejects.toMatchObject(ACCOUNT_LOCKED);
    station.advance(1);
    expect((await station.auth.login('agent.nord', PASSWORD)).agent.id).toBe(camille.id);
  });

  it('counts wrong passwords at the login page and at the lock together', async () => {
    const station = workstation();
    const token = await station.login();
    for (let i = 0; i < 3; i += 1) {
      await expect(station.auth.login('agent.nord', 'faux')).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    station.auth.lock(token, 'agent');
    await expect(station.auth.unlock(token, 'faux')).rejects.toMatchObject({
      message: 'Mot de passe incorrect. Encore 1 tentative avant le verrouillage du compte.',
    });
    await expect(station.auth.unlock(token, 'faux')).rejects.toMatchObject(ACCOUNT_LOCKED);
    expect(station.auth.session(token)).toBeNull();
  });

  it('closes a locked session at logout', async () => {
    const station = workstation();
    const token = await station.login();
    station.auth.lock(token, 'agent');
    station.auth.logout(token);
    expect(station.auth.session(token)).toBeNull();
    await expect(station.auth.unlock(token, PASSWORD)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(station.actions().at(-1)?.action).toBe('auth.logout');
  });
});

describe('typedLogin', () => {
  it('keeps nothing of an identifier that names an agent, and a short hash of an unknown one', () => {
    expect(typedLogin('agent.nord', 'a1')).toEqual({});
    const typed = typedLogin('Motdepasse-tapé-au-mauvais-endroit', null);
    expect(typed.loginHash).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(typed)).not.toContain('Motdepasse');
    expect(typedLogin('Motdepasse-tapé-au-mauvais-endroit', null)).toEqual(typed);
  });
});

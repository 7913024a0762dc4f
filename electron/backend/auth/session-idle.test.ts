import { describe, expect, it } from 'vitest';
import { sessionIdleMsFromEnv } from './session-idle';

describe('INSTRUCTEUR_SESSION_IDLE_MINUTES', () => {
  it('reads whole minutes from 1 to 240; unset means the default', () => {
    expect(sessionIdleMsFromEnv(undefined)).toBeUndefined();
    expect(sessionIdleMsFromEnv('')).toBeUndefined();
    expect(sessionIdleMsFromEnv('1')).toBe(60_000);
    expect(sessionIdleMsFromEnv(' 240 ')).toBe(240 * 60_000);
  });

  it('stops the start with a French message for anything else', () => {
    for (const raw of ['0', '241', '2.5', '-5', 'dix', '1e2']) {
      expect(() => sessionIdleMsFromEnv(raw)).toThrow(
        `INSTRUCTEUR_SESSION_IDLE_MINUTES invalide : « ${raw} » (un nombre entier de minutes entre 1 et 240 est attendu).`,
      );
    }
  });
});

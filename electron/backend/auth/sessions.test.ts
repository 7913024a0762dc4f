import { describe, expect, it } from 'vitest';
import { createSessionStore } from './sessions';

const active = (agentId: string) => ({
  agentId,
  locked: false,
  lockReason: null,
  lockedNow: false,
});
const locked = (agentId: string, lockReason: 'idle' | 'agent', lockedNow: boolean) => ({
  agentId,
  locked: true,
  lockReason,
  lockedNow,
});

describe('session store', () => {
  it('keeps a session unlocked while it is used and locks it after the idle time', () => {
    let now = 0;
    const store = createSessionStore({ idleMs: 1000, now: () => now });
    const token = store.open('agent-1');
    expect(token).toMatch(/^[\w-]{43}$/);
    now = 900;
    expect(store.use(token)).toEqual(active('agent-1'));
    now = 1800; // 900 ms after the last use
    expect(store.use(token)).toEqual(active('agent-1'));
    now = 2801;
    expect(store.use(token)).toEqual(locked('agent-1', 'idle', true));
    // Locked, not closed: still the same agent's session, and no call unlocks it.
    expect(store.use(token)).toEqual(locked('agent-1', 'idle', false));
    expect(store.agentOf(token)).toBe('agent-1');
  });

  it('does not count passive calls as activity', () => {
    let now = 0;
    const store = createSessionStore({ idleMs: 1000, now: () => now });
    const token = store.open('agent-1');
    for (now = 300; now <= 900; now += 300) {
      expect(store.use(token, { passive: true })).toEqual(active('agent-1'));
    }
    now = 1001;
    expect(store.use(token, { passive: true })?.locked).toBe(true);
  });

  it('locks at once on demand, and an unlock resumes the same token with a fresh idle time', () => {
    let now = 0;
    const store = createSessionStore({ idleMs: 1000, now: () => now });
    const token = store.open('agent-1');
    expect(store.lock(token, 'agent')).toEqual(locked('agent-1', 'agent', true));
    // The first reason stays.
    expect(store.lock(token, 'idle')).toEqual(locked('agent-1', 'agent', false));
    now = 5000;
    expect(store.unlock(token)).toBe(true);
    now = 5900;
    expect(store.use(token)).toEqual(active('agent-1'));
  });

  it('forgets closed and unknown tokens', () => {
    const store = createSessionStore({ idleMs: 1000 });
    const token = store.open('agent-1');
    store.close(token);
    expect(store.use(token)).toBeNull();
    expect(store.lock(token, 'agent')).toBeNull();
    expect(store.unlock(token)).toBe(false);
    expect(store.use('inconnu')).toBeNull();
    expect(store.agentOf('inconnu')).toBeNull();
  });

  it('refuses a limit that would never lock', () => {
    expect(() => createSessionStore({ idleMs: 0 })).toThrow(/invalide/);
  });
});

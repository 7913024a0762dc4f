import { describe, expect, it } from 'vitest';
import { createSessionStore } from './sessions';

describe('session store', () => {
  it('keeps a session alive while it is used and closes it after the idle time', () => {
    let now = 0;
    const store = createSessionStore({ idleMs: 1000, now: () => now });
    const token = store.open('agent-1');
    expect(token).toMatch(/^[\w-]{43}$/);
    now = 900;
    expect(store.touch(token)).toBe('agent-1');
    now = 1800; // 900 ms after the last use
    expect(store.touch(token)).toBe('agent-1');
    now = 2801;
    expect(store.touch(token)).toBeNull();
    expect(store.touch(token)).toBeNull();
  });

  it('forgets closed and unknown tokens', () => {
    const store = createSessionStore({ idleMs: 1000 });
    const token = store.open('agent-1');
    store.close(token);
    expect(store.touch(token)).toBeNull();
    expect(store.touch('inconnu')).toBeNull();
  });
});

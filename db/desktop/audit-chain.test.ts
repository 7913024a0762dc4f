import { describe, expect, it } from 'vitest';
import { canonicalEntry, entryHash, GENESIS_HASH } from './audit-chain';

// The form is frozen: these values were computed once, outside this code (printf … | sha256sum).
const ENTRY = {
  id: 1,
  at: '2023-09-17T08:00:00.000Z',
  actorId: 'a1',
  action: 'auth.login',
  applicationNumber: null,
  details: { mode: 'online', b: { z: 1, a: [1, 'é'] } },
  prevHash: GENESIS_HASH,
};

describe('audit chain', () => {
  it('hashes the canonical JSON array of the entry’s columns, keys sorted at every depth', () => {
    expect(canonicalEntry(ENTRY)).toBe(
      `[1,"2023-09-17T08:00:00.000Z","a1","auth.login",null,{"b":{"a":[1,"é"],"z":1},"mode":"online"},"${'0'.repeat(64)}"]`,
    );
    expect(entryHash(ENTRY)).toBe(
      'e5590946ac28ba19976813589d155c00f24451bb19685d7cae4b8265a44c91cd',
    );
  });

  it('gives the same hash whatever order the details were written in, another for any change', () => {
    const reordered = { ...ENTRY, details: { b: { a: [1, 'é'], z: 1 }, mode: 'online' } };
    expect(entryHash(reordered)).toBe(entryHash(ENTRY));
    for (const change of [
      { id: 2 },
      { at: '2023-09-17T08:00:00.001Z' },
      { actorId: null },
      { action: 'auth.logout' },
      { applicationNumber: '5901202308160000181' },
      { details: { mode: 'offline', b: { z: 1, a: [1, 'é'] } } },
      { prevHash: 'f'.repeat(64) },
    ])
      expect(entryHash({ ...ENTRY, ...change })).not.toBe(entryHash(ENTRY));
  });
});

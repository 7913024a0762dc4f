import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../backend';
import { PORTAL_SCRIPT, SIMULATOR_SCRIPT } from '../testing/portal-fixture';

// The embedded default on a new workstation: its own portal process, the demo agents, demo
// dossiers filed by the simulator, synced into the queue; and nothing seeded again at the next start.

const dataDir = mkdtempSync(join(tmpdir(), 'instructeur-embarque-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const open = () =>
  createBackend({
    dataDir,
    version: 'test',
    embedded: { portalScript: PORTAL_SCRIPT, simulatorScript: SIMULATOR_SCRIPT, seedApplicants: 3 },
    autoSync: false,
  });

describe('embedded default', () => {
  it('starts its portal, seeds demo dossiers on the first run only, and lets the demo agent sync them', async () => {
    const first = await open();
    try {
      expect(first.demo).toBe(true);
      expect(first.portalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.demoAccounts.map((account) => account.login)).toEqual([
        'agent.nord',
        'chef.nord',
      ]);
      expect(await first.seeding).toBe(0);
      const login = await first.auth.login('agent.nord', 'Demo-Agent-59');
      expect(login).toMatchObject({ mode: 'online', agent: { displayName: 'Camille Lefebvre' } });
      expect((await first.sync.syncNow()).ok).toBe(true);
      // The simulator's first applicants live in the Nord, Pas-de-Calais…: at least one is ours.
      expect(first.applications.count({ serviceCode: '59' })).toBeGreaterThanOrEqual(1);
    } finally {
      await first.close();
    }

    const again = await open();
    try {
      expect(again.seeding).toBeNull();
      // The demo agents exist already: creating them again is not an error.
      expect((await again.auth.login('chef.nord', 'Demo-Chef-59')).agent.role).toBe('supervisor');
    } finally {
      await again.close();
    }
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { createApplicationRepository } from '../db/desktop/application-repository';
import { openDesktopDatabase } from '../db/desktop/open-desktop-database';

// The queue page lists 500 dossiers of one service among 20 000 on the workstation.
// Target: the repository within 1.5× of the hand-written SQL it wraps (row mapping included).
const dir = mkdtempSync(join(tmpdir(), 'instructeur-bench-'));
const db = openDesktopDatabase(join(dir, 'bench.sqlite'));
const applications = createApplicationRepository(db);
const SERVICES = ['59', '62', '75', '13'];

db.transaction(() => {
  for (let i = 0; i < 20_000; i++) {
    const applicationNumber = `5901202308${String(10 + (i % 18)).padStart(2, '0')}${String(i).padStart(7, '0')}`;
    applications.upsert({
      applicationNumber,
      procedure: 'vpf-teh',
      foreignerNumber: String(5908000000 + i),
      status: i % 3 === 0 ? 'in_review' : 'submitted',
      version: 1,
      submittedAt: new Date(Date.UTC(2023, 7, 1) + i * 60_000),
      applicantName: `DEMANDEUR ${i}`,
      serviceCode: SERVICES[i % SERVICES.length] ?? '59',
      assignedAgentId: null,
      data: { applicationNumber, observations: 'x'.repeat(2000) },
    });
  }
})();

const raw = db.prepare(`
  SELECT application_number, procedure, foreigner_number, status, version, submitted_at,
         applicant_name, service_code, assigned_agent_id, updated_at
  FROM applications WHERE service_code = ? ORDER BY submitted_at, application_number LIMIT 500`);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('queue list, 500 of 20 000 dossiers', () => {
  bench('raw SQL (baseline)', () => {
    raw.all('59');
  });
  bench('application repository listQueue', () => {
    applications.listQueue({ serviceCode: '59', limit: 500, offset: 0 });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/backend/backend';
import { hashPassword } from '../../electron/backend/auth/password';
import { appRouter } from '../../electron/backend/router';
import { createAgentRepository } from '../../db/desktop/agent-repository';
import { createApplicationRepository } from '../../db/desktop/application-repository';
import { createFileRepository } from '../../db/desktop/file-repository';
import { openDesktopDatabase } from '../../db/desktop/open-desktop-database';

// bench:queue — a workstation holding 100,000 dossiers (600,000 files' metadata): one page of the
// queue through the tRPC router (validation, session, repository, row mapping) against the same
// two SQL statements run raw, and an accent-insensitive search. Percentiles over many runs.

const DOSSIERS = Number(process.env.BENCH_QUEUE_DOSSIERS ?? 100_000);
const FILES_PER_DOSSIER = 6;
const RUNS = 300;
const SURNAMES = [
  'SÁNCHEZ',
  'ÖZTÜRK',
  'NGUYỄN',
  'DIALLO',
  'PETROVA',
  'KOUASSI',
  'OKAFOR',
  'RAHMANI',
  'CHÉRIF',
  'BALDÉ',
  'MENSAH',
  'IVANOVA',
  'TRAORÉ',
  'HOXHA',
  'POPESCU',
];
const GIVEN = [
  'Lucía',
  'Elif',
  'Thi Hoa',
  'Awa',
  'Irina',
  'Adjoua',
  'Chioma',
  'Leïla',
  'Aminata',
  'Ana',
  'Efua',
  'Olga',
  'Fatoumata',
  'Drita',
  'Ioana',
];
const STATUSES = [
  'submitted',
  'in_review',
  'supplement_requested',
  'supplement_answered',
  'favorable',
  'closed_withdrawn',
] as const;

const dir = mkdtempSync(join(tmpdir(), 'instructeur-bench-queue-'));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const time = (run: () => unknown) => {
  const started = performance.now();
  run();
  return performance.now() - started;
};
const timeAsync = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};
const fixed = (n: number) => n.toFixed(2);

try {
  // The synthetic workstation, written through the repositories the sync uses.
  const seedStarted = performance.now();
  const db = openDesktopDatabase(join(dir, 'instructeur.sqlite'));
  const agents = createAgentRepository(db);
  const applications = createApplicationRepository(db);
  const files = createFileRepository(db);
  const agent = agents.create({
    login: 'agent.bench',
    displayName: 'Agent Banc',
    role: 'agent',
    serviceCode: '59',
    passwordHash: await hashPassword('Banc-Essai-59'),
  });
  const other = agents.create({
    login: 'autre.bench',
    displayName: 'Autre Agent',
    role: 'agent',
    serviceCode: '59',
    passwordHash: null,
  });
  db.transaction(() => {
    for (let i = 0; i < DOSSIERS; i++) {
      const applicationNumber = `59012023${String(1 + (i % 12)).padStart(2, '0')}01${String(i).padStart(7, '0')}`;
      applications.upsert({
        applicationNumber,
        procedure: 'vpf-teh',
        foreignerNumber: String(5900000000 + i),
        status: STATUSES[i % STATUSES.length]!,
        version: 1 + (i % 4),
        submittedAt: new Date(Date.UTC(2023, 0, 1) + i * 300_000),
        applicantName: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 7) % GIVEN.length]}`,
        nationality: 'MEXICAINE',
        serviceCode: i % 10 === 0 ? '62' : '59',
        assignedAgentId: i % 3 === 0 ? null : i % 3 === 1 ? agent.id : other.id,
        data: { applicationNumber, dossier: { observations: 'x'.repeat(500) } },
      });
      files.announce(
        applicationNumber,
        Array.from({ length: FILES_PER_DOSSIER }, (_, k) => ({
          sha256: (i * FILES_PER_DOSSIER + k).toString(16).padStart(64, '0'),
          size: 200_000 + k,
          mime: 'application/pdf',
        })),
      );
    }
  })();
  db.exec('ANALYZE');
  db.close();
  console.info(
    `Poste synthétique : ${DOSSIERS} dossiers, ${DOSSIERS * FILES_PER_DOSSIER} fichiers, en ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`,
  );

  // The real backend on that folder; its portal is unreachable, so the agent logs in offline.
  const backend = await createBackend({
    dataDir: dir,
    version: 'bench',
    portalUrl: 'http://127.0.0.1:9',
    autoSync: false,
  });
  const { token } = await backend.auth.login('agent.bench', 'Banc-Essai-59');
  const caller = appRouter.createCaller({ backend, session: { token, bind: () => undefined } });
  const input = {
    tab: 'todo' as const,
    sort: 'submittedAt' as const,
    direction: 'asc' as const,
    limit: 25,
    offset: 0,
  };

  // The same two statements the repository builds for that page (the page's keys first, then
  // its columns), hand-written and run raw: the ratio is what the router and the repository add.
  const rawDb = openDesktopDatabase(join(dir, 'instructeur.sqlite'));
  const todo = `a.service_code = ? AND a.assigned_agent_id IS NULL
      AND a.status NOT IN ('favorable', 'unfavorable', 'closed_incomplete', 'closed_withdrawn')`;
  const rawPage = rawDb
    .prepare(
      `
    SELECT a.application_number, a.procedure, a.foreigner_number, a.applicant_name, a.nationality, a.status,
           a.version, a.submitted_at, a.assigned_agent_id, ag.display_name, a.next_deadline_on,
           a.next_deadline_kind, a.implicit_rejection_on,
           (SELECT count(*) FROM outbox o WHERE o.application_number = a.application_number AND o.state = 'pending'),
           (SELECT count(*) FROM outbox o WHERE o.application_number = a.application_number
              AND o.state IN ('conflict', 'rejected') AND o.resolution IS NULL)
    FROM (SELECT a.rowid AS id FROM applications a LEFT JOIN agents ag ON ag.id = a.assigned_agent_id
          WHERE ${todo} ORDER BY a.submitted_at ASC, a.application_number LIMIT 25 OFFSET 0) page
    JOIN applications a ON a.rowid = page.id LEFT JOIN agents ag ON ag.id = a.assigned_agent_id
    ORDER BY a.submitted_at ASC, a.application_number`,
    )
    .raw();
  const rawCount = rawDb.prepare(`SELECT count(*) FROM applications a WHERE ${todo}`).pluck();

  // Warm up both, then alternate so neither gets a warmer cache.
  for (let i = 0; i < 20; i++) {
    await caller.queue.page(input);
    rawPage.all('59');
    rawCount.get('59');
  }
  const routerTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    routerTimes.push(await timeAsync(() => caller.queue.page(input)));
    rawTimes.push(time(() => [rawPage.all('59'), rawCount.get('59')]));
  }
  const searchTimes: number[] = [];
  const searches = ['sanchez', 'ozturk elif', 'nguyen thi', 'cherif', '5900012'];
  const bySearch = new Map<string, number[]>(searches.map((search) => [search, []]));
  for (let i = 0; i < RUNS; i++) {
    const search = searches[i % searches.length]!;
    const elapsed = await timeAsync(() => caller.queue.page({ ...input, tab: 'all', search }));
    searchTimes.push(elapsed);
    bySearch.get(search)!.push(elapsed);
  }
  for (const [search, times] of bySearch)
    console.info(`  « ${search} » : p95 ${fixed(percentile(times, 95))} ms`);
  const found = await caller.queue.page({ ...input, tab: 'all', search: 'sanchez' });
  if (found.total === 0 || !found.rows.every((row) => row.applicantName.startsWith('SÁNCHEZ')))
    throw new Error('la recherche « sanchez » ne trouve pas les « SÁNCHEZ »');

  const queueP95 = percentile(routerTimes, 95);
  const rawP95 = percentile(rawTimes, 95);
  console.info(
    `Page de la file (à traiter, 25 lignes + total) par le routeur : p50 ${fixed(percentile(routerTimes, 50))} ms, p95 ${fixed(queueP95)} ms`,
  );
  console.info(
    `Mêmes requêtes SQL brutes : p50 ${fixed(percentile(rawTimes, 50))} ms, p95 ${fixed(rawP95)} ms`,
  );
  console.info(
    `Recherche sans accents (${found.total} « SÁNCHEZ » trouvés) : p50 ${fixed(percentile(searchTimes, 50))} ms, p95 ${fixed(percentile(searchTimes, 95))} ms`,
  );
  rawDb.close();
  await backend.close();
  console.info(
    `RESULT queue_p95_ms=${fixed(queueP95)} queue_ratio=${fixed(queueP95 / rawP95)} search_p95_ms=${fixed(percentile(searchTimes, 95))}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

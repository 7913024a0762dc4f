import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/backend/backend';
import { hashPassword } from '../../electron/backend/auth/password';
import { appRouter } from '../../electron/backend/router';
import { createAgentRepository } from '../../db/desktop/agent-repository';
import { createApplicationRepository } from '../../db/desktop/application-repository';
import { openDesktopDatabase } from '../../db/desktop/open-desktop-database';
import { prolongationValidity } from '../../shared/dates/deadlines';
import { renderProlongationAttestation } from '../../pdf/render-documents';
import type { ProlongationAttestationInput } from '../../shared/texts/documents';

// bench:attestations — the PDFs an agent issues and the renewal in batch. attestation_ms: the mean
// time to render one « Attestation de prolongation d'instruction » (pdf/, embedded font, the
// same bytes for the same inputs). renew_1000_s: a batch renewal of 1,000 dossiers of a local
// database through the tRPC router, each as one renewal is made (the dossier read, its PDF
// rendered, stored by content, the action written to the journal and the outbox), until the
// job reports them all done. Sending them to the portal is the sync's business (bench:sync).

const DOSSIERS = Number(process.env.BENCH_RENEWALS ?? 1_000);
const RENDERS = 100;
const SURNAMES = [
  'SÁNCHEZ',
  'ÖZTÜRK',
  'NGUYỄN',
  'DIALLO',
  'PETROVA',
  'KOUASSI',
  'OKAFOR',
  'CHÉRIF',
];
const GIVEN = ['Lucía', 'Elif', 'Thi Hoa', 'Awa', 'Irina', 'Adjoua', 'Chioma', 'Leïla'];

const dir = mkdtempSync(join(tmpdir(), 'instructeur-bench-attestations-'));
const fixed = (n: number) => n.toFixed(2);

/** A dossier as the portal submits it, with what the attestations print. */
function dossierOf(i: number) {
  const birthName = SURNAMES[i % SURNAMES.length]!;
  const firstNames = GIVEN[(i * 3) % GIVEN.length]!;
  return {
    motive: { procedure: 'vpf-teh' },
    personal: {
      foreignerNumber: String(5900000000 + i),
      civilStatus: {
        birthName,
        firstNames,
        sex: 'female',
        birthDate: '1995-03-14',
        emancipatedMinor: false,
        birthPlace: 'Cancun',
        birthCountry: 'Mexique',
        nationality: 'Mexicaine',
      },
      address: {
        line: `${1 + (i % 90)} rue Nationale 59800 Lille`,
        postcode: '59800',
        city: 'Lille',
        country: 'FRANCE',
      },
    },
  };
}

try {
  const db = openDesktopDatabase(join(dir, 'instructeur.sqlite'));
  const agents = createAgentRepository(db);
  const applications = createApplicationRepository(db);
  agents.create({
    login: 'agent.bench',
    displayName: 'Agent Banc',
    role: 'agent',
    serviceCode: '59',
    passwordHash: await hashPassword('Banc-Essai-59'),
  });
  const numbers: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < DOSSIERS; i++) {
      const applicationNumber = `5901202309${String(1 + (i % 28)).padStart(2, '0')}${String(i).padStart(7, '0')}`;
      const dossier = dossierOf(i);
      numbers.push(applicationNumber);
      applications.upsert({
        applicationNumber,
        procedure: 'vpf-teh',
        foreignerNumber: dossier.personal.foreignerNumber,
        status: 'in_review',
        version: 2,
        submittedAt: new Date(Date.UTC(2023, 8, 1) + i * 60_000),
        applicantName: `${dossier.personal.civilStatus.birthName} ${dossier.personal.civilStatus.firstNames}`,
        nationality: 'MEXICAINE',
        serviceCode: '59',
        assignedAgentId: null,
        data: { applicationNumber, dossier },
      });
    }
  })();
  db.close();

  // Rendering alone, for distinct holders (no two PDFs alike), after a warm-up.
  const input = (i: number): ProlongationAttestationInput => {
    const { personal } = dossierOf(i);
    return {
      kind: 'first',
      foreignerNumber: personal.foreignerNumber,
      applicationNumber: numbers[i % numbers.length]!,
      civilStatus: personal.civilStatus,
      address: personal.address,
      depositedOn: '2023-09-01',
      ...prolongationValidity('2023-12-01'),
    };
  };
  for (let i = 0; i < 10; i++) await renderProlongationAttestation(input(i));
  const renderStarted = performance.now();
  for (let i = 0; i < RENDERS; i++) await renderProlongationAttestation(input(i + 10));
  const attestationMs = (performance.now() - renderStarted) / RENDERS;
  console.info(
    `Attestation de prolongation : ${fixed(attestationMs)} ms par PDF (${RENDERS} PDF).`,
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
  const renewStarted = performance.now();
  let progress = await caller.instruction.renewProlongations({ applicationNumbers: numbers });
  while (!progress.finished) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    progress = await caller.instruction.renewalProgress({ jobId: progress.jobId });
  }
  const renewS = (performance.now() - renewStarted) / 1000;
  const queued = backend.outbox.pending(DOSSIERS + 1);
  if (progress.failed.length > 0 || queued.length !== DOSSIERS)
    throw new Error(
      `renouvellement incomplet : ${queued.length} actions en attente, ${progress.failed.length} échecs (${progress.failed[0]?.reason ?? ''})`,
    );
  const hashes = new Set(queued.map((entry) => entry.payload.attestationSha256));
  console.info(
    `Renouvellement groupé : ${DOSSIERS} dossiers en ${fixed(renewS)} s (${fixed((renewS * 1000) / DOSSIERS)} ms par dossier), ${hashes.size} attestations distinctes dans l'outbox.`,
  );
  await backend.close();
  console.info(
    `RESULT attestation_ms=${fixed(attestationMs)} renew_${DOSSIERS}_s=${fixed(renewS)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

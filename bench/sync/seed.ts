import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../portal/auth/password';
import { createPortal, type Portal } from '../../portal/portal';
import { lilleAdultSteps } from '../../portal/testing/lille-dossier';
import type { ApplicantRow } from '../../db/portal/applicant-repository';
import { bigScan, smallScan } from './files';

/** What a finished seed leaves in its folder; its presence is what makes the cache complete. */
export const MANIFEST = 'bench-manifest.json';

export interface SeedManifest {
  /** Every dossier's number, in submission order (all of service 59). */
  numbers: string[];
  /** The dossiers that carry the big files, for the download measure. */
  bigNumbers: string[];
  bigFiles: number;
  bigBytes: number;
  seedSeconds: number;
  createdAt: string;
}

export interface SeedOptions {
  dossiers: number;
  /** Dossiers with three big scans each (their identity document). */
  bigDossiers: number;
  log(line: string): void;
}

const APPLICANT_PASSWORD = 'Motdepasse-Banc-1';
const SMALL_DOCUMENTS = ['nationality', 'identity', 'residence', 'complaint'] as const;

interface Uploaded {
  sha256: string;
  name: string;
}

/**
 * What `POST /files` does (portal/http/files.ts): the portal's own inspection, then the blob store
 * and the file and upload records. An inspection's verdict depends on the bytes only, so the
 * same bytes sent again by another applicant reuse it, as their blob is stored once.
 */
function createUploader(portal: Portal) {
  const inspected = new Map<
    string,
    { sha256: string; size: number; mime: string; pages: number | null }
  >();
  return async function upload(
    bytes: Buffer,
    name: string,
    applicant: ApplicantRow,
    contentKey?: string,
  ): Promise<Uploaded> {
    let file = contentKey ? inspected.get(contentKey) : undefined;
    if (!file) {
      const verdict = await portal.inspectUpload(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        name,
      );
      if (!verdict.ok)
        throw new Error(`Le portail refuse le fichier ${name} : ${verdict.error.message}`);
      const stored = await portal.blobs.put(bytes);
      file = { ...stored, mime: verdict.value.mime, pages: verdict.value.pages };
      if (contentKey) inspected.set(contentKey, file);
    }
    const at = portal.now();
    const record = file;
    portal.db.transaction(() => {
      portal.repos.files.recordFile(record, at);
      portal.repos.files.recordUpload(
        { sha256: record.sha256, uploader: { applicantId: applicant.id }, originalName: name },
        at,
      );
    })();
    return { sha256: file.sha256, name };
  };
}

/** The four steps of an adult living in Lille (Nord), as the portal's own tests file them. */
function stepsOf(files: Record<string, Uploaded[]>, index: number) {
  return lilleAdultSteps(files, `Dossier de banc d’essai n° ${index + 1}.`);
}

/**
 * Fills a portal data folder with `dossiers` submitted dossiers of the Nord, through the portal's
 * own services: an applicant of the national file per dossier, activated, the files inspected and
 * stored, the four steps saved and the submission (every rule of shared/, the number, the
 * confirmation PDF, the change log). Only the password hash is computed once and shared by the
 * applicants, since scrypt would cost about 50 ms each.
 */
export async function seedPortal(dataDir: string, options: SeedOptions): Promise<SeedManifest> {
  const started = performance.now();
  const portal = createPortal({ dataDir });
  try {
    const upload = createUploader(portal);
    const passwordHash = await hashPassword(APPLICANT_PASSWORD);
    const small = SMALL_DOCUMENTS.map((_, variant) => smallScan(variant));
    const bigEvery = Math.floor(options.dossiers / Math.max(1, options.bigDossiers));
    const numbers: string[] = [];
    const bigNumbers: string[] = [];
    let bigFiles = 0;
    let bigBytes = 0;

    for (let index = 0; index < options.dossiers; index += 1) {
      const created = portal.accounts.createApplicant({});
      const applicant = portal.db.transaction(() => {
        const id = portal.sessions.consumeActivation(created.activationToken);
        if (!id) throw new Error('Activation refusée.');
        portal.repos.applicants.activate(id, passwordHash, portal.now());
        return portal.repos.applicants.findById(id);
      })();
      if (!applicant) throw new Error('Le demandeur créé est introuvable.');

      const big = index % bigEvery === 0 && bigNumbers.length < options.bigDossiers;
      const files: Record<string, Uploaded[]> = {};
      for (const [variant, key] of SMALL_DOCUMENTS.entries())
        files[key] = [
          await upload(small[variant] as Buffer, `${key}.png`, applicant, `small-${variant}`),
        ];
      if (big) {
        const scans: Uploaded[] = [];
        for (let page = 1; page <= 3; page += 1) {
          const bytes = bigScan();
          scans.push(await upload(bytes, `passeport-page-${page}.png`, applicant));
          bigFiles += 1;
          bigBytes += bytes.length;
        }
        files['identity'] = scans;
      }

      const { applicationId } = portal.applications.create(applicant, 'vpf-teh');
      const steps = stepsOf(files, index);
      for (const step of ['personal', 'motive', 'documents', 'deposit'] as const)
        portal.applications.saveStep(applicant, applicationId, step, steps[step]);
      const submitted = await portal.applications.submit(applicant, applicationId);
      numbers.push(submitted.applicationNumber);
      if (big) bigNumbers.push(submitted.applicationNumber);
      if ((index + 1) % 1000 === 0)
        options.log(
          `  ${index + 1} dossiers déposés (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
    }

    portal.db.pragma('wal_checkpoint(TRUNCATE)');
    const manifest: SeedManifest = {
      numbers,
      bigNumbers,
      bigFiles,
      bigBytes,
      seedSeconds: (performance.now() - started) / 1000,
      createdAt: new Date().toISOString(),
    };
    return manifest;
  } finally {
    portal.close();
  }
}

/** Written last: a folder without it is an interrupted seed. */
export function writeManifest(dataDir: string, manifest: SeedManifest): void {
  writeFileSync(join(dataDir, MANIFEST), JSON.stringify(manifest));
}

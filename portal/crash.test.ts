import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalDatabase } from '../db/portal/open-portal-database';
import { startPortal } from './start-portal';
import {
  activeApplicant,
  distinctPng,
  portalClient,
  stepsOf,
  tempDir,
  upload,
  type Uploaded,
} from './testing/harness';

// The portal as `npm run portal` builds and runs it, in a child process killed with SIGKILL while
// submissions are in flight. Afterwards every application must be either wholly submitted (number,
// documents, confirmation, change-log entry, e-mail) or still a draft: never half of it.
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join('out', `.portal-crash-test-${process.pid}`);
const dataDir = tempDir();
let child: ChildProcess | undefined;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

beforeAll(async () => {
  const build = run(['scripts/portal.mjs', '--build-only', '--out-dir', outDir]);
  const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
  expect(code).toBe(0);
}, 120_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(join(root, outDir), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function startChild(): Promise<string> {
  child = run([join(outDir, 'main.js')], { PORT: '0', PORTAL_DEV: '1', PORTAL_DATA_DIR: dataDir });
  return new Promise<string>((resolve, reject) => {
    let output = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Portail usager : (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child!.on('exit', (code) => reject(new Error(`portal exited (${code}): ${output}`)));
  });
}

describe('kill -9 during submissions', () => {
  it('leaves every application either fully submitted or still a draft', async () => {
    const url = await startChild();
    const drafts: {
      token: string;
      client: ReturnType<typeof portalClient>;
      applicationId: string;
    }[] = [];
    for (let a = 0; a < 3; a++) {
      const applicant = await activeApplicant(url);
      const files: Record<string, Uploaded[]> = {};
      for (const key of ['nationality', 'identity', 'residence', 'complaint'])
        files[key] = [await upload(url, applicant.token, distinctPng(), `${key}.png`)];
      const steps = stepsOf(files);
      for (let d = 0; d < 15; d++) {
        const { applicationId } = await applicant.client.applicant.applications.create.mutate({
          procedure: 'vpf-teh',
        });
        for (const step of ['personal', 'motive', 'documents', 'deposit'] as const)
          await applicant.client.applicant.applications.saveStep.mutate({
            applicationId,
            step,
            data: steps[step],
          });
        drafts.push({ token: applicant.token, client: applicant.client, applicationId });
      }
    }

    let started = 0;
    let done = 0;
    const queue = [...drafts];
    const exited = new Promise<void>((resolve) => child!.on('exit', () => resolve()));
    const loops = Array.from({ length: 4 }, async () => {
      for (let draft = queue.shift(); draft; draft = queue.shift()) {
        started += 1;
        try {
          await draft.client.applicant.applications.submit.mutate({
            applicationId: draft.applicationId,
          });
          done += 1;
          if (done === 8) child!.kill('SIGKILL');
        } catch {
          return; // the portal is gone
        }
      }
    });
    await Promise.all(loops);
    await exited;
    expect(done).toBeGreaterThanOrEqual(8);
    expect(started).toBeGreaterThan(done); // some were in flight when the process died
    expect(done).toBeLessThan(drafts.length);

    let submittedCount = 0;
    const db = openPortalDatabase(join(dataDir, 'portal.sqlite'));
    try {
      const applications = db
        .prepare<
          [],
          {
            id: string;
            status: string;
            number: string | null;
            confirmation: string | null;
            day: string | null;
          }
        >(
          `SELECT id, status, application_number AS number, confirmation_sha256 AS confirmation,
                  substr(application_number, 5, 8) AS day FROM applications`,
        )
        .all();
      expect(applications).toHaveLength(drafts.length);
      const count = (sql: string, ...params: unknown[]) =>
        db
          .prepare(sql)
          .pluck()
          .get(...params) as number;

      for (const application of applications) {
        const versions = count(
          'SELECT count(*) FROM document_versions WHERE application_id = ?',
          application.id,
        );
        if (application.status === 'draft') {
          expect(application.number).toBeNull();
          expect(versions).toBe(0);
          expect(
            count(
              'SELECT count(*) FROM application_files WHERE application_id = ?',
              application.id,
            ),
          ).toBe(0);
          continue;
        }
        submittedCount += 1;
        expect(application.status).toBe('submitted');
        expect(application.number).toMatch(/^\d{19}$/);
        expect(versions).toBe(4);
        expect(
          count(
            "SELECT count(*) FROM change_log WHERE type = 'application.submitted' AND application_number = ?",
            application.number,
          ),
        ).toBe(1);
        const sha = application.confirmation!;
        expect(existsSync(join(dataDir, 'files', sha.slice(0, 2), sha.slice(2)))).toBe(true);
      }
      expect(submittedCount).toBeGreaterThanOrEqual(done);
      expect(count("SELECT count(*) FROM change_log WHERE type = 'application.submitted'")).toBe(
        submittedCount,
      );
      expect(
        count(
          "SELECT count(*) FROM mailbox WHERE subject = 'Enregistrement de votre demande de titre de séjour'",
        ),
      ).toBe(submittedCount);
      // The counter moved with the submissions and nothing else: no number was lost or given twice.
      expect(count('SELECT coalesce(sum(last_sequence), 0) FROM application_sequences')).toBe(
        submittedCount,
      );
    } finally {
      db.close();
    }

    // The portal starts again on that folder, and the next submission takes the next number.
    const again = await startPortal({ dataDir, dev: true });
    try {
      const remaining = drafts.find((draft) => {
        const row = again.portal.repos.applications.findById(draft.applicationId);
        return row?.status === 'draft';
      });
      expect(remaining).toBeDefined();
      const next = await portalClient(
        again.url,
        remaining!.token,
      ).applicant.applications.submit.mutate({
        applicationId: remaining!.applicationId,
      });
      const sameDay = again.portal.db
        .prepare('SELECT count(*) FROM applications WHERE substr(application_number, 5, 8) = ?')
        .pluck()
        .get(next.applicationNumber.slice(4, 12));
      expect(Number(next.applicationNumber.slice(12))).toBe(sameDay);
    } finally {
      await again.close();
    }
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActionJournal } from '../../../db/desktop/action-journal';
import { createAgentRepository } from '../../../db/desktop/agent-repository';
import { purgeJournal } from '../../../db/desktop/journal-retention';
import { openDesktopDatabase } from '../../../db/desktop/open-desktop-database';
import { useTempFiles } from '../../../db/testing/temp-dir';
import { main } from './verify-cli';

const temp = useTempFiles();

/** A workstation's file with five entries, 1 to 5 September 2023 at 10:00 in Paris; closed. */
function workstationFile(): string {
  const file = join(temp.dir(), 'instructeur.sqlite');
  const db = openDesktopDatabase(file);
  const agent = createAgentRepository(db).create({
    login: 'camille',
    displayName: 'Camille Exemple',
    role: 'agent',
    serviceCode: '59',
    passwordHash: null,
  });
  const journal = createActionJournal(db);
  const at = (day: number) => `2023-09-0${day}T08:00:00Z`;
  journal.record({ actorId: agent.id, action: 'auth.login', at: at(1) });
  journal.record({
    actorId: agent.id,
    action: 'application.assign',
    applicationNumber: '5901202308160000181',
    at: at(2),
  });
  journal.record({ actorId: null, action: 'auth.login_failed', at: at(3) });
  journal.record({ actorId: agent.id, action: 'queue.export', at: at(4) });
  journal.record({ actorId: agent.id, action: 'auth.logout', at: at(5) });
  db.close();
  return file;
}

/** What someone with the file does: the trigger dropped, an entry changed. */
function tamper(file: string, sql: string) {
  const db = new Database(file);
  db.exec(`DROP TRIGGER actions_refuse_update; DROP TRIGGER actions_refuse_delete; ${sql}`);
  db.close();
}

function captured() {
  const info = vi.spyOn(console, 'info').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  return {
    out: () => info.mock.calls.join('\n'),
    err: () => error.mock.calls.join('\n'),
  };
}

describe('npm run audit:verify', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [[], 'Indiquez le fichier de base de données du poste à vérifier.'],
    [['a', 'b'], 'Un seul fichier est attendu, et non : a b'],
    [['--tout'], 'Option inconnue : --tout'],
  ])('%j is refused in French, with the usage, and exit code 2', (args, message) => {
    const output = captured();
    expect(main(args)).toBe(2);
    expect(output.err()).toContain(message);
    expect(output.err()).toContain('Usage : npm run audit:verify -- <fichier de base de données>');
  });

  it('says an intact journal is intact, from the first entry to the last', () => {
    const output = captured();
    expect(main([workstationFile()])).toBe(0);
    expect(output.out()).toContain(
      "Journal d'audit intègre : 5 entrées, du 01/09/2023 10:00:00 au 05/09/2023 10:00:00 (heure de Paris).",
    );
    expect(output.out()).toMatch(/Dernière entrée : n° 5, empreinte [0-9a-f]{64}/);
  });

  it('reports the last purge, after which the chain resumes', () => {
    const file = workstationFile();
    const db = openDesktopDatabase(file);
    purgeJournal(db, createActionJournal(db), {
      before: new Date('2023-09-03T00:00:00Z'),
      retentionDays: 365,
    });
    db.close();
    const output = captured();
    expect(main([file])).toBe(0);
    expect(output.out()).toContain("Journal d'audit intègre : 4 entrées, du 03/09/2023 10:00:00");
    expect(output.out()).toContain(
      "2 entrée(s) antérieure(s) au 03/09/2023 02:00:00 retirée(s) ; la chaîne reprend après l'entrée n° 2.",
    );
  });

  it('names the first bad entry and exits with 1', () => {
    const file = workstationFile();
    tamper(file, `UPDATE actions SET action = 'auth.logout' WHERE id = 2`);
    const output = captured();
    expect(main([file])).toBe(1);
    expect(output.err()).toBe(
      "Journal d'audit altéré : entrée n° 2 du 02/09/2023 10:00:00 (auth.logout) : hash ne correspond pas au contenu.",
    );
  });

  it('exits with 2 on a file it cannot read, without creating it', () => {
    const missing = join(temp.dir(), 'absent.sqlite');
    const output = captured();
    expect(main([missing])).toBe(2);
    expect(output.err()).toContain(`Impossible d'ouvrir la base de données « ${missing} »`);
  });
});

describe('the built program', () => {
  // Built as scripts/audit-verify.mjs builds it, inside out/ so that it finds node_modules.
  const outDir = resolve(
    import.meta.dirname,
    `../../../out/test-build/audit-verify-${process.pid}`,
  );

  beforeAll(async () => {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: resolve(import.meta.dirname, 'verify-cli.ts'),
        outDir,
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: { output: { format: 'es', entryFileNames: 'audit-verify.js' } },
      },
    });
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const run = (file: string) =>
    promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'const { main } = await import(process.argv[1]); process.exitCode = main(process.argv.slice(2));',
        join(outDir, 'audit-verify.js'),
        file,
      ],
      { env: { ...process.env, TZ: 'Pacific/Kiritimati' } },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('verifies a file in another process, in Paris time whatever the machine’s zone', async () => {
    const file = workstationFile();
    const intact = await run(file);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(
      "Journal d'audit intègre : 5 entrées, du 01/09/2023 10:00:00 au 05/09/2023 10:00:00 (heure de Paris).",
    );

    tamper(file, 'DELETE FROM actions WHERE id = 3');
    const altered = await run(file);
    expect(altered.code).toBe(1);
    expect(altered.stderr.trim()).toBe(
      "Journal d'audit altéré : entrée n° 4 du 04/09/2023 10:00:00 (queue.export) : hash précédent ne correspond pas à l'entrée n° 2 : entrée supprimée ou insérée.",
    );
  });
});

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  renderDepositConfirmation,
  renderFavorableDecisionAttestation,
  renderProlongationAttestation,
} from './render-documents';
import { main } from './specimens-cli';
import { SPECIMENS } from './specimens';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const folder = mkdtempSync(join(tmpdir(), 'instructeur-specimens-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** What this process renders for the guide's example, by file name. */
async function expectedHashes(): Promise<Record<string, string>> {
  return {
    'attestation-decision-favorable.pdf': sha256(
      await renderFavorableDecisionAttestation(SPECIMENS.favorableDecision),
    ),
    'attestation-prolongation.pdf': sha256(
      await renderProlongationAttestation(SPECIMENS.prolongation),
    ),
    'confirmation-depot.pdf': sha256(await renderDepositConfirmation(SPECIMENS.confirmation)),
  };
}

function hashesIn(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, sha256(readFileSync(join(dir, name)))]),
  );
}

describe('npm run specimens', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [[], 'Indiquez le dossier où écrire les spécimens.'],
    [['a', 'b'], 'Un seul dossier est attendu, et non : a b'],
    [['--sortie'], 'Option inconnue : --sortie'],
  ])('%j is refused in French, with the usage, and a non-zero exit', async (args, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(args)).toBe(2);
    expect(error.mock.calls.join('\n')).toContain(message);
    expect(error.mock.calls.join('\n')).toContain('Usage : npm run specimens -- <dossier>');
  });

  it('writes the three PDFs of the guide’s example into the folder, creating it', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const target = join(folder, 'in-process', 'nested');
    expect(await main([target])).toBe(0);
    expect(hashesIn(target)).toEqual(await expectedHashes());
  });
});

describe('the built program', () => {
  // Built as scripts/specimens.mjs builds it, inside out/ so that it finds node_modules and fonts.
  const outDir = resolve(import.meta.dirname, `../out/test-build/specimens-${process.pid}`);

  beforeAll(async () => {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: resolve(import.meta.dirname, 'specimens-cli.ts'),
        outDir,
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: { output: { format: 'es', entryFileNames: 'specimens.js' } },
      },
    });
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const run = (args: string[], timeZone: string) =>
    promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv.slice(2));',
        join(outDir, 'specimens.js'),
        ...args,
      ],
      { env: { ...process.env, TZ: timeZone } },
    );

  it('finds its fonts and writes the same bytes in another process, on another clock', async () => {
    const target = join(folder, 'built');
    await run([target], 'Pacific/Kiritimati');
    expect(hashesIn(target)).toEqual(await expectedHashes());
  });

  it('exits with 2 and the French usage without a folder', async () => {
    const failure = await run([], 'UTC').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('Indiquez le dossier où écrire les spécimens.');
  });
});

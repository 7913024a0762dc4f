import { spawn } from 'node:child_process';

/** About fifty dossiers of the Nord prefecture (the simulator sends most applicants there). */
export const DEMO_APPLICANTS = 72;
export const DEMO_SEED = 'instructeur-demo';

export interface DemoSeedOptions {
  /** The built simulator program (out/main/simulator.js). */
  script: string;
  portalUrl: string;
  execPath?: string;
  env?: NodeJS.ProcessEnv;
  applicants?: number;
  log?: (line: string) => void;
}

/**
 * Fills a new embedded portal with demo dossiers: the applicant simulator, in its own process
 * (drawing scanned documents is CPU work that must not slow the workstation), as real
 * applicants would through the portal's API. Resolves with the simulator's exit code.
 */
export function seedDemoDossiers({
  script,
  portalUrl,
  execPath = process.execPath,
  env = {},
  applicants = DEMO_APPLICANTS,
  log = () => undefined,
}: DemoSeedOptions): Promise<number> {
  const child = spawn(
    execPath,
    [script, '--portal', portalUrl, '--applicants', String(applicants), '--seed', DEMO_SEED],
    // Our end of its stdin stays open while we live: its closing tells the simulator to stop.
    {
      env: { ...process.env, ...env, SIMULATOR_EXIT_WITH_PARENT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n')) if (line.trim()) log(line);
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    for (const line of text.split('\n')) if (line.trim()) log(line);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

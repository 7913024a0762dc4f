import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** Built by vitest.global-setup.ts. */
export const DRIVER_SCRIPT = process.env.TEST_DRIVER_SCRIPT ?? resolve('out/test-driver/driver.js');

/** The driven process died (killed at a checkpoint, or crashed) before answering. */
export class WorkstationDied extends Error {
  constructor(readonly signal: string | null) {
    super(`the workstation process died (${signal ?? 'exit'})`);
  }
}

export interface WorkstationProcess {
  command<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  readonly alive: boolean;
  kill(): Promise<void>;
  exit(): Promise<void>;
}

/** Starts testing/workstation-driver.ts as a child process on a data folder. */
export function startWorkstationProcess(options: {
  dataDir: string;
  portalUrl: string;
  clockSkewMs?: number;
}): Promise<WorkstationProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', DRIVER_SCRIPT], {
    env: {
      ...process.env,
      DRIVER_DATA_DIR: options.dataDir,
      DRIVER_PORTAL_URL: options.portalUrl,
      DRIVER_CLOCK_SKEW_MS: String(options.clockSkewMs ?? 0),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let alive = true;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((done) =>
    child.once('exit', (_code, signal) => {
      alive = false;
      for (const { reject } of waiting.values()) reject(new WorkstationDied(signal));
      waiting.clear();
      done();
    }),
  );
  return new Promise((ready, failed) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const message = JSON.parse(line) as {
        ready?: boolean;
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: string;
      };
      if (message.ready) {
        ready(handle);
        return;
      }
      const pending = waiting.get(message.id ?? -1);
      if (!pending) return;
      waiting.delete(message.id!);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(message.error));
    });
    void exited.then(() => failed(new Error(`the workstation did not start:\n${stderr}`)));
    const handle: WorkstationProcess = {
      command<T>(cmd: string, args?: Record<string, unknown>) {
        if (!alive) return Promise.reject(new WorkstationDied(null));
        const id = nextId++;
        return new Promise<T>((resolveCommand, reject) => {
          waiting.set(id, { resolve: resolveCommand as (v: unknown) => void, reject });
          child.stdin!.write(`${JSON.stringify({ id, cmd, args })}\n`);
        });
      },
      get alive() {
        return alive;
      },
      async kill() {
        if (alive) child.kill('SIGKILL');
        await exited;
      },
      async exit() {
        if (!alive) return;
        await handle.command('exit').catch(() => undefined);
        await exited;
      },
    };
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface PortalProcessOptions {
  /** The built portal program (out/main/portal.js in the app, out/portal/main.js for tests). */
  script: string;
  dataDir: string;
  /** Mounts dev.* (demo agents, applicants); the embedded default needs it. */
  dev: boolean;
  /** 0 picks a free port. */
  port?: number;
  /** The Node binary; in Electron, its own binary run as Node (ELECTRON_RUN_AS_NODE). */
  execPath?: string;
  env?: NodeJS.ProcessEnv;
  /** How long the portal may take to say where it listens. */
  startTimeoutMs?: number;
}

export interface PortalProcess {
  url: string;
  pid: number;
  /** Resolves when the process has ended, however it ended. */
  readonly exited: Promise<void>;
  /** SIGTERM (the portal closes its database cleanly), SIGKILL after a grace period. */
  stop(graceMs?: number): Promise<void>;
  /** Ends it at once, as a crash or a power cut would. */
  kill(): Promise<void>;
}

/** The first line the portal prints is « Portail usager : <url> » (portal/main.ts). */
const READY_LINE = /^Portail usager : (http:\/\/\S+)$/;

/** Starts the applicant-facing API as a separate process and waits until it listens. */
export function startPortalProcess({
  script,
  dataDir,
  dev,
  port = 0,
  execPath = process.execPath,
  env = {},
  startTimeoutMs = 20_000,
}: PortalProcessOptions): Promise<PortalProcess> {
  const child: ChildProcess = spawn(execPath, ['--enable-source-maps', script], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTAL_DATA_DIR: dataDir,
      PORTAL_DEV: dev ? '1' : '0',
      // The portal ends when our end of its stdin closes: it never outlives the workstation.
      PORTAL_EXIT_WITH_PARENT: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  return new Promise<PortalProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Le portail n'a pas démarré en ${startTimeoutMs} ms.\n${stderr}`));
    }, startTimeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Le portail s'est arrêté au démarrage (${signal ?? `code ${code}`}).\n${stderr.trim()}`,
        ),
      );
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const match = READY_LINE.exec(line.trim());
      clearTimeout(timer);
      if (!match) {
        child.kill('SIGKILL');
        reject(new Error(`Réponse inattendue du portail au démarrage : « ${line} »`));
        return;
      }
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout?.resume();
      const end = async (signal: NodeJS.Signals, graceMs: number) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill(signal);
        const grace = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(grace);
      };
      resolve({
        url: match[1]!,
        pid: child.pid!,
        exited,
        stop: (graceMs = 5_000) => end('SIGTERM', graceMs),
        kill: () => end('SIGKILL', 0),
      });
    });
  });
}

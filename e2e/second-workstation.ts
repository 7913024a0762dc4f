import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Another workstation for the specs that need two, or one whose link with the portal they cut:
// the same built host, its own data folder, the portal it is given.

/** Another workstation: the same host, its own data folder, the given portal. */
export async function startSecondWorkstation(portalUrl: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'instructeur-e2e-second-'));
  const child = spawn(process.execPath, ['out/main/host.js'], {
    env: {
      ...process.env,
      PORT: '0',
      INSTRUCTEUR_DATA_DIR: dataDir,
      INSTRUCTEUR_PORTAL_URL: portalUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found) resolve(found[0]);
    });
    child.once('exit', (code) => reject(new Error(`second workstation exited (${code})`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP relay to the portal that can be cut and restored on the same port, as a network outage
 * would: while cut, connections are refused and those open are reset.
 */
export async function cuttableLink(portalUrl: string) {
  const target = new URL(portalUrl);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  async function restore(): Promise<void> {
    server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      track(client);
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  }

  async function cut(): Promise<void> {
    const closing = server;
    server = null;
    if (!closing) return;
    const closed = once(closing, 'close');
    closing.close();
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  await restore();
  return { url: `http://127.0.0.1:${port}`, cut, restore, close: cut };
}

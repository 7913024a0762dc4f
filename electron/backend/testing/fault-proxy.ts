import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to the next request that matches:
 * - cutBefore: the connection drops before the portal sees the request;
 * - cutAfterCommit: the portal gets the request and answers (it committed), the client never
 *   hears back;
 * - duplicate: the request reaches the portal twice, the client gets the second answer;
 * - truncate: the answer stops after half of its body;
 * - corrupt: one byte of the answer's body is changed.
 */
export type Fault = 'cutBefore' | 'cutAfterCommit' | 'duplicate' | 'truncate' | 'corrupt';

interface Planned {
  match: (req: IncomingMessage) => boolean;
  fault: Fault;
}

export interface FaultProxy {
  url: string;
  /** The next request whose path starts with `pathPrefix` suffers `fault`. */
  inject(pathPrefix: string, fault: Fault): void;
  /** Faults planned and not yet triggered. */
  pending(): number;
  /** Every fault triggered so far, in order. */
  readonly triggered: { path: string; fault: Fault }[];
  clear(): void;
  close(): Promise<void>;
}

/** A real HTTP proxy on loopback in front of the portal, breaking exchanges on demand. */
export async function startFaultProxy(target: () => string): Promise<FaultProxy> {
  const plans: Planned[] = [];
  const triggered: { path: string; fault: Fault }[] = [];

  function forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }> {
    const base = new URL(target());
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: base.hostname,
          port: base.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: base.host },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const index = plans.findIndex((plan) => plan.match(req));
        const fault = index >= 0 ? plans.splice(index, 1)[0]!.fault : null;
        if (fault) triggered.push({ path: req.url ?? '', fault });
        try {
          if (fault === 'cutBefore') {
            req.socket.destroy();
            return;
          }
          if (fault === 'duplicate') await forward(req, body);
          const answer = await forward(req, body);
          if (fault === 'cutAfterCommit') {
            req.socket.destroy();
            return;
          }
          let payload = answer.body;
          if (fault === 'corrupt' && payload.length > 0) {
            payload = Buffer.from(payload);
            const at = Math.floor(payload.length / 2);
            payload[at] = payload[at]! ^ 0xff;
          }
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          if (fault === 'truncate') {
            // Announce the whole length, send half, and hang up: a cut mid-download.
            headers['content-length'] = String(payload.length);
            res.writeHead(answer.status, headers);
            res.write(payload.subarray(0, Math.floor(payload.length / 2)), () =>
              req.socket.destroy(),
            );
            return;
          }
          headers['content-length'] = String(payload.length);
          res.writeHead(answer.status, headers);
          res.end(payload);
        } catch {
          // The portal is down: the client sees the connection drop, as it would without a proxy.
          req.socket.destroy();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    inject(pathPrefix, fault) {
      plans.push({ match: (req) => (req.url ?? '').startsWith(pathPrefix), fault });
    },
    pending: () => plans.length,
    triggered,
    clear: () => void plans.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to the next request that matches:
 * - cutBefore: the connection drops before the portal sees the request;
 * - cutAfterCommit: the portal gets the request and answers (it committed), the client never
 *   hears back;
 * - duplicate: the request reaches the portal twice, the client gets the second answer;
 * - truncate: the answer stops after half of its body;
 * - corrupt: one byte of the answer's body is changed;
 * - status5xx: the client gets a 503 (or `options.status`) with the body of a tRPC error, as the
 *   portal's own server errors have (`data.httpStatus` is the status). By default the
 *   portal never sees the request; with `options.afterCommit` it gets it and answers (it
 *   committed) before the client is told 503 — the client's retry must then be recognized;
 * - throttle: the portal never sees the request, the client gets a 429 TOO_MANY_REQUESTS (a
 *   refusal that is neither about the input nor the token);
 * - rewrite: the portal answers, the client gets the body `options.rewrite` makes of it (a
 *   well-formed answer whose content is wrong, e.g. one unreadable change in a page).
 */
export type Fault =
  | 'cutBefore'
  | 'cutAfterCommit'
  | 'duplicate'
  | 'truncate'
  | 'corrupt'
  | 'status5xx'
  | 'throttle'
  | 'rewrite';

export interface FaultOptions {
  /** How many of the next matching requests suffer the fault (1 by default). */
  times?: number;
  /** status5xx only: forward the request to the portal first, then answer the error. */
  afterCommit?: boolean;
  /** status5xx only: the status answered, 503 by default (500 to 599). */
  status?: number;
  /** rewrite only: the body the client gets, made from the portal's (UTF-8 text). */
  rewrite?: (body: string) => string;
}

/** tRPC's names of the 5xx statuses (the others are answered as SERVICE_UNAVAILABLE). */
const SERVER_ERROR_CODES: Record<number, string> = {
  500: 'INTERNAL_SERVER_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  504: 'GATEWAY_TIMEOUT',
};

/** An error answered as the portal's tRPC server would (JSON-RPC code -32603, or -32029 for 429). */
function answerError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = Buffer.from(
    JSON.stringify({
      error: {
        message,
        code: status === 429 ? -32029 : -32603,
        data: { code, httpStatus: status },
      },
    }),
  );
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(body.length),
  });
  res.end(body);
}

interface Planned {
  match: (req: IncomingMessage) => boolean;
  fault: Fault;
  afterCommit: boolean;
  status: number;
  rewrite?: ((body: string) => string) | undefined;
}

export interface FaultProxy {
  url: string;
  /**
   * The next request whose path starts with `pathPrefix` (the next `options.times` requests)
   * suffers `fault`, e.g. `inject('/trpc/backoffice.push', 'status5xx', { afterCommit: true })`.
   */
  inject(pathPrefix: string, fault: Fault, options?: FaultOptions): void;
  /** Faults planned and not yet triggered. */
  pending(): number;
  /** Every fault triggered so far, in order, with when (Date.now()) the request arrived. */
  readonly triggered: { path: string; fault: Fault; at: number }[];
  clear(): void;
  close(): Promise<void>;
}

/** A real HTTP proxy on loopback in front of the portal, breaking exchanges on demand. */
export async function startFaultProxy(target: () => string): Promise<FaultProxy> {
  const plans: Planned[] = [];
  const triggered: { path: string; fault: Fault; at: number }[] = [];

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
        const plan = index >= 0 ? plans.splice(index, 1)[0]! : null;
        const fault = plan?.fault ?? null;
        if (fault) triggered.push({ path: req.url ?? '', fault, at: Date.now() });
        try {
          if (fault === 'cutBefore') {
            req.socket.destroy();
            return;
          }
          if (plan && fault === 'status5xx') {
            if (plan.afterCommit) await forward(req, body);
            const code = SERVER_ERROR_CODES[plan.status] ?? 'SERVICE_UNAVAILABLE';
            answerError(res, plan.status, code, 'Service unavailable (fault proxy)');
            return;
          }
          if (fault === 'throttle') {
            answerError(res, 429, 'TOO_MANY_REQUESTS', 'Trop de requêtes. Réessayez plus tard.');
            return;
          }
          if (fault === 'duplicate') await forward(req, body);
          const answer = await forward(req, body);
          if (fault === 'cutAfterCommit') {
            req.socket.destroy();
            return;
          }
          let payload = answer.body;
          if (fault === 'rewrite' && plan?.rewrite)
            payload = Buffer.from(plan.rewrite(payload.toString('utf8')));
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
    inject(pathPrefix, fault, options = {}) {
      const status = options.status ?? 503;
      if (fault === 'status5xx' && (!Number.isInteger(status) || status < 500 || status > 599))
        throw new Error(`status5xx: ${status} is not a 5xx status`);
      if (fault === 'rewrite' && !options.rewrite)
        throw new Error('rewrite: options.rewrite is missing');
      for (let time = 0; time < (options.times ?? 1); time += 1)
        plans.push({
          match: (req) => (req.url ?? '').startsWith(pathPrefix),
          fault,
          afterCommit: options.afterCommit ?? false,
          status,
          rewrite: options.rewrite,
        });
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

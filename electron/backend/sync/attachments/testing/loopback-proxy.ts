import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** What the proxy does to the responses for the file whose sha256 is in the URL. */
export interface ProxyBehaviour {
  /** Cuts the connection after sending this many bytes of the body. */
  cutAfter?: (sha256: string) => number | undefined;
  /** Flips one bit of the body's byte at this offset of the file. */
  flipAt?: (sha256: string) => number | undefined;
  /** Pause after each chunk of up to 16 KiB, so that downloads overlap and can be stopped midway. */
  chunkDelayMs?: number;
  /** Drops the request's Range header, as a server that ignores ranges would. */
  ignoreRange?: boolean;
}

export interface ProxiedRequest {
  sha256: string;
  range: string | undefined;
  ifRange: string | undefined;
  status: number;
}

export interface LoopbackProxy {
  url: string;
  behaviour: ProxyBehaviour;
  readonly requests: ProxiedRequest[];
  /** The most responses that were being sent at the same time. */
  readonly maxConcurrent: number;
  close(): Promise<void>;
}

const CHUNK = 16 * 1024;

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * A real HTTP proxy on 127.0.0.1 in front of the portal, to put a real client through a cut
 * connection, a damaged byte or a slow link. Not a mock: the bytes are the portal's.
 */
export async function startLoopbackProxy(portalUrl: string): Promise<LoopbackProxy> {
  const requests: ProxiedRequest[] = [];
  let active = 0;
  let maxConcurrent = 0;
  const proxy: LoopbackProxy = {
    url: '',
    behaviour: {},
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };

  const server = createServer((req, res) => {
    const sha256 = /\/files\/([0-9a-f]{64})/.exec(req.url ?? '')?.[1] ?? '';
    const { cutAfter, flipAt, chunkDelayMs = 0, ignoreRange } = proxy.behaviour;
    const headers: IncomingHttpHeaders = { ...req.headers, host: new URL(portalUrl).host };
    if (ignoreRange) delete headers.range;
    const upstream = request(new URL(req.url ?? '/', portalUrl), { method: req.method, headers });
    upstream.on('error', () => res.destroy());
    upstream.on('response', async (answer) => {
      const status = answer.statusCode ?? 502;
      requests.push({
        sha256,
        range: headers.range as string | undefined,
        ifRange: headers['if-range'] as string | undefined,
        status,
      });
      active += 1;
      maxConcurrent = Math.max(maxConcurrent, active);
      // Counted out when the proxy hands over the last byte, not on 'close' nor at the end of the
      // upstream: the client knows the length, may read the end and ask for its next file before
      // either is seen here.
      let counted = true;
      const countOut = () => {
        if (counted) active -= 1;
        counted = false;
      };
      res.once('close', countOut);
      res.writeHead(status, answer.headers);
      const first = Number(/^bytes (\d+)-/.exec(answer.headers['content-range'] ?? '')?.[1] ?? 0);
      const cut = cutAfter?.(sha256);
      const flip = flipAt?.(sha256);
      let sent = 0;
      const length = Number(answer.headers['content-length'] ?? Number.NaN);
      try {
        for await (const received of answer as AsyncIterable<Buffer>) {
          for (let at = 0; at < received.length; at += CHUNK) {
            let chunk = Buffer.from(received.subarray(at, at + CHUNK));
            const offset = first + sent;
            if (flip !== undefined && flip >= offset && flip < offset + chunk.length)
              chunk[flip - offset] = chunk[flip - offset]! ^ 0x01;
            if (cut !== undefined && sent + chunk.length >= cut) {
              chunk = chunk.subarray(0, cut - sent);
              res.write(chunk);
              await delay(20);
              countOut();
              res.destroy();
              answer.destroy();
              return;
            }
            if (res.destroyed) {
              answer.destroy();
              return;
            }
            sent += chunk.length;
            const written = res.write(chunk);
            if (sent >= length) countOut();
            if (!written) await drainedOrClosed(res);
            if (chunkDelayMs > 0) await delay(chunkDelayMs);
          }
        }
        countOut();
        res.end();
      } catch {
        countOut();
        res.destroy();
      }
    });
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

import { createServer, type IncomingMessage } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Backend } from '../backend/backend';
import type { SessionCarrier } from '../backend/context';
import { appRouter } from '../backend/router';
import { SECURITY_HEADERS } from '../backend/security-headers';
import { LOCAL_FILES_PATH, localFileResponse } from '../backend/review/local-file-response';
import { createStaticHandler } from './static-files';

/** The bearer token of a request: the renderer keeps it in memory and sends it with each call. */
function bearerSession(req: IncomingMessage): SessionCarrier {
  const match = /^Bearer ([\w-]+)$/.exec(req.headers.authorization ?? '');
  return { token: match?.[1] ?? null, bind: () => undefined };
}

/** One HTTP server: /healthz, the tRPC API under /trpc, document files by link, and the built renderer. */
export function createHostServer(backend: Backend, rendererDir: string) {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: ({ req }) => ({ backend, session: bearerSession(req) }),
    maxBodySize: 1024 * 1024,
  });
  const serveStatic = createStaticHandler(rendererDir, SECURITY_HEADERS);

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ ok: true }));
    } else if (path.startsWith('/trpc/')) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader('Cache-Control', 'no-store');
      trpc(req, res);
    } else if (path.startsWith(LOCAL_FILES_PATH) && req.method === 'GET') {
      void localFileResponse(backend.fileLinks, path).then(({ status, headers, body }) => {
        res.writeHead(status, headers);
        res.end(body);
      });
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      serveStatic(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    } else {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
    }
  });
}

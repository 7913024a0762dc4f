import { createServer, type Server } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { parseBearer } from '../auth/tokens';
import type { DevClock } from '../dev-clock';
import type { Portal } from '../portal';
import { routerFor } from '../router';
import { downloadFile, uploadFile } from './files';
import { sendError, sendJson } from './responses';

const FILE_PATH = /^\/files\/([^/]+)$/;

interface PortalServerOptions {
  /** Dev mode (PORTAL_DEV=1): dev.* is mounted and moves this clock. null: production, no dev.*. */
  devClock: DevClock | null;
}

/** One HTTP server: /healthz, the tRPC API under /trpc, and the files under /files. */
export function createPortalServer(portal: Portal, { devClock }: PortalServerOptions): Server {
  const trpc = createHTTPHandler({
    router: routerFor(devClock !== null),
    basePath: '/trpc/',
    createContext: ({ req }) => ({
      portal,
      token: parseBearer(req.headers.authorization),
      devClock,
    }),
    maxBodySize: 1024 * 1024,
  });

  return createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Workstations read the portal's time from this header: it follows the portal's clock, not Node's.
    res.setHeader('Date', portal.now().toUTCString());
    const path = new URL(req.url ?? '/', 'http://portal').pathname;
    const fail = (error: unknown) => {
      console.error(error);
      sendError(
        res,
        500,
        'INTERNAL_SERVER_ERROR',
        'Une erreur inattendue est survenue. Si elle se reproduit, prévenez le support.',
      );
    };

    if (path === '/healthz') {
      sendJson(res, 200, { ok: true });
    } else if (path.startsWith('/trpc/')) {
      res.setHeader('Cache-Control', 'no-store');
      trpc(req, res);
    } else if (path === '/files' && req.method === 'POST') {
      uploadFile(portal, req, res).catch(fail);
    } else if (FILE_PATH.test(path) && (req.method === 'GET' || req.method === 'HEAD')) {
      downloadFile(portal, req, res, FILE_PATH.exec(path)?.[1] ?? '').catch(fail);
    } else if (path === '/files' || FILE_PATH.test(path)) {
      sendError(res, 405, 'METHOD_NOT_SUPPORTED', "Cette méthode d'appel n'est pas acceptée.", {
        Allow: path === '/files' ? 'POST' : 'GET, HEAD',
      });
    } else {
      sendError(res, 404, 'NOT_FOUND', "L'adresse demandée n'existe pas.");
    }
  });
}

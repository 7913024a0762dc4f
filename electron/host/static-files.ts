import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves the built renderer. Unknown paths without an extension get index.html so the router can
 * handle them; anything resolving outside the folder is refused.
 */
export function createStaticHandler(rootDir: string, headers: Record<string, string>) {
  const root = normalize(rootDir + sep);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    const wanted = normalize(join(root, pathname));
    if (!wanted.startsWith(root)) return send(res, 403, 'Accès refusé.', headers);
    let file = wanted;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (extname(pathname)) return send(res, 404, 'Fichier introuvable.', headers);
      file = join(root, 'index.html');
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
      // Hashed asset names never change content; index.html must always be fresh.
      'Cache-Control': file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    createReadStream(file).pipe(res);
  };
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string>) {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileLinks } from '../backend/review/file-links';
import { LOCAL_FILES_PATH, localFileResponse } from '../backend/review/local-file-response';
import { SECURITY_HEADERS } from '../backend/security-headers';

/** The renderer's origin in the packaged app: app://instructeur/… */
export const APP_ORIGIN = 'app://instructeur';

/** Must run before the app is ready: the scheme behaves like https (secure context, CSP applies). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `rendererDir`, with the same security headers as the host, and
 * the document files the viewer holds a link to (app://instructeur/local-files/<token>).
 */
export function serveRenderer(rendererDir: string, fileLinks: () => FileLinks | null): void {
  const root = normalize(rendererDir + sep);
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'instructeur') return new Response('Accès refusé.', { status: 403 });
    const links = fileLinks();
    if (url.pathname.startsWith(LOCAL_FILES_PATH) && links) {
      const { status, headers, body } = await localFileResponse(links, url.pathname);
      return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
        status,
        headers,
      });
    }
    const wanted = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!wanted.startsWith(root)) return new Response('Accès refusé.', { status: 403 });
    const file = /\.[a-z0-9]+$/i.test(url.pathname) ? wanted : join(root, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response?.ok) return new Response('Fichier introuvable.', { status: 404 });
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

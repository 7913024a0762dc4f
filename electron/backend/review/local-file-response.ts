import type { FileLinks } from './file-links';
import { SECURITY_HEADERS } from '../security-headers';

export const LOCAL_FILES_PATH = '/local-files/';

/**
 * The answer to GET /local-files/<token>, for the Electron protocol and the headless host alike:
 * the document file's bytes (checked against their hash), never cached, or a French message.
 */
export async function localFileResponse(
  links: FileLinks,
  pathname: string,
): Promise<{ status: number; headers: Record<string, string>; body: Uint8Array | string }> {
  const token = pathname.slice(LOCAL_FILES_PATH.length);
  const text = (status: number, message: string) => ({
    status,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    },
    body: message,
  });
  if (!/^[\w-]{16,64}$/.test(token)) return text(404, 'Lien de fichier invalide.');
  try {
    const file = await links.open(token);
    if (!file) return text(404, 'Ce lien de fichier a expiré : rouvrez la pièce.');
    return {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': file.mime,
        'Content-Length': String(file.size),
        'Content-Disposition': 'inline',
        'Cache-Control': 'no-store',
      },
      body: file.bytes,
    };
  } catch (error) {
    // Not downloaded and the portal unreachable, or a damaged copy: say so, keep serving.
    return text(503, error instanceof Error ? error.message : 'Fichier indisponible.');
  }
}

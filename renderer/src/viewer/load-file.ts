import { api, errorMessage } from '../api/trpc-client';
import { openPdfUrl, type OpenedDocument } from './open-document';
import type { Rotation } from './types';
import { ViewerError } from './viewer-errors';

type Link = { url: string; rotations: Record<number, Rotation> };

/** A short-lived same-origin link to the file's bytes on this workstation. */
async function fileLink(sha256: string, signal: AbortSignal): Promise<Link> {
  try {
    return await api.dossier.fileLink.mutate({ sha256 }, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ViewerError('unavailable', errorMessage(error));
  }
}

/** Why a link gave no file: the backend's French text (expired link, file not on this workstation). */
async function refusal(response: Response): Promise<ViewerError> {
  const text = (await response.text().catch(() => '')).trim();
  return new ViewerError('unavailable', text || null);
}

/**
 * A file's bytes from this workstation, whole (files are at most 10 MB): images need them all to be
 * decoded, and they tell the format. A link that expired between its issue and its use is asked
 * for once more.
 */
export async function loadFile(
  sha256: string,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; rotations: Record<number, Rotation> }> {
  for (let attempt = 1; ; attempt++) {
    const link = await fileLink(sha256, signal);
    let response: Response;
    try {
      response = await fetch(link.url, { signal, cache: 'no-store' });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ViewerError('offline');
    }
    if (response.ok) {
      return { bytes: new Uint8Array(await response.arrayBuffer()), rotations: link.rotations };
    }
    if (response.status === 404 && attempt === 1) continue;
    throw await refusal(response);
  }
}

/**
 * A PDF streamed from its link into pdf.js, which parses it as it arrives (the first page shows
 * sooner than after a whole download). When the link gives no file, the link is read once more for
 * the backend's French message; an expired link is renewed once.
 */
export async function openPdfFile(
  sha256: string,
  signal: AbortSignal,
): Promise<OpenedDocument & { rotations: Record<number, Rotation> }> {
  for (let attempt = 1; ; attempt++) {
    const link = await fileLink(sha256, signal);
    try {
      return { ...(await openPdfUrl(link.url, signal)), rotations: link.rotations };
    } catch (error) {
      if (signal.aborted) throw error;
      const status = (error as { status?: unknown }).status;
      if ((error as { name?: unknown }).name !== 'ResponseException') throw error;
      if (status === 404 && attempt === 1) continue;
      if (!status) throw new ViewerError('offline');
      throw await fetch(link.url, { signal, cache: 'no-store' }).then(
        refusal,
        () => new ViewerError('offline'),
      );
    }
  }
}

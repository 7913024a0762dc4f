import { declaredKind, MIME_OF, sniffKind, type FileKind } from './file-kind';
import { openImage, openTiff } from './image-document';
import { openPdf } from './pdf-document';
import type { ViewerDocument } from './types';
import { openingError, ViewerError } from './viewer-errors';

export interface OpenedDocument {
  kind: FileKind;
  document: ViewerDocument;
}

/**
 * Opens a file's bytes by what they are. A file named or typed as a PDF whose bytes are not one is
 * damaged (truncated uploads lose their header too); a file of no known format is unsupported.
 * For PDFs the bytes are handed over to pdf.js's worker: callers keep no use of them.
 */
export async function openDocument(
  bytes: Uint8Array,
  claimed: { mime: string; name: string },
): Promise<OpenedDocument> {
  const declared = declaredKind(claimed.mime, claimed.name);
  const kind = sniffKind(bytes);
  if (!kind) {
    if (!declared) throw new ViewerError('unsupported');
    throw new ViewerError(declared === 'pdf' ? 'damagedPdf' : 'damagedImage');
  }
  try {
    if (kind === 'pdf') return { kind, document: await openPdf({ bytes }) };
    if (kind === 'tiff') return { kind, document: await openTiff(bytes) };
    return { kind, document: await openImage(bytes, MIME_OF[kind]) };
  } catch (error) {
    throw openingError(error, kind);
  }
}

/**
 * A file named or typed as a PDF, streamed from a same-origin URL into pdf.js. Failures to fetch
 * (pdf.js's ResponseException, with the HTTP status) are left to the caller.
 */
export async function openPdfUrl(url: string, signal?: AbortSignal): Promise<OpenedDocument> {
  try {
    return { kind: 'pdf', document: await openPdf({ url }, signal) };
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'ResponseException') throw error;
    throw openingError(error, 'pdf');
  }
}

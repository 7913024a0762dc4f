import { RenderingCancelledException } from 'pdfjs-dist';
import type { FileKind } from './file-kind';

/**
 * Why a file or a page cannot be shown. `key` names the French text (locales/fr-viewer.ts,
 * `viewer.errors.*`); `detail` is a French message written for people by the backend, shown as is.
 */
export type ViewerErrorKey =
  'damagedPdf' | 'damagedImage' | 'unsupported' | 'password' | 'unavailable' | 'offline' | 'page';

export class ViewerError extends Error {
  constructor(
    readonly key: ViewerErrorKey,
    readonly detail: string | null = null,
  ) {
    super(detail ?? key);
    this.name = 'ViewerError';
  }
}

/** A render stopped on purpose (another page, zoom or file): nothing to tell the agent. */
export function isCancellation(error: unknown): boolean {
  return (
    error instanceof RenderingCancelledException ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}

/** Sorts what pdf.js or an image decoder threw while opening a file. */
export function openingError(error: unknown, kind: FileKind): ViewerError {
  if (error instanceof ViewerError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') return new ViewerError('password');
  return new ViewerError(kind === 'pdf' ? 'damagedPdf' : 'damagedImage');
}

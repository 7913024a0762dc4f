import { fileEmpty, fileFormatRefused, fileTooLarge } from '../errors';
import { fail, ok, type Result } from '../result';

/**
 * What a supporting file may be. The format is decided by the content: the caller passes the MIME
 * type detected from the bytes (Node side, with the `file-type` library), never one derived from the
 * name or sent by the browser. A PDF named « scan.jpg » is a PDF and is accepted.
 */
export const ACCEPTED_FORMATS = [
  { mime: 'image/jpeg', label: 'JPG' },
  { mime: 'image/png', label: 'PNG' },
  { mime: 'application/pdf', label: 'PDF' },
  { mime: 'image/tiff', label: 'TIFF' },
  { mime: 'image/bmp', label: 'BMP' },
] as const;

export type AcceptedMime = (typeof ACCEPTED_FORMATS)[number]['mime'];

/** « 10 Mo » read as 10 MiB: 10 × 1024 × 1024 = 10 485 760 bytes, a file of exactly that size passes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILE_LABEL = '10 Mo';

export const MAX_FILES_PER_DOCUMENT = 3;

const FORMATS_LABEL = ACCEPTED_FORMATS.map((format) => format.label).join(', ');

export function isAcceptedMime(mime: string | undefined): mime is AcceptedMime {
  return ACCEPTED_FORMATS.some((format) => format.mime === mime);
}

export type CandidateFile = {
  /** The name the applicant gave the file; only used in messages. */
  name: string;
  size: number;
  /** From the bytes; undefined when the content was not recognised. */
  detectedMime: string | undefined;
};

/**
 * One file: not empty, at most 10 Mo, in an accepted format (first problem found). The count per
 * document (1 to MAX_FILES_PER_DOCUMENT) is checked by the file-list schema (dossier/files.ts).
 */
export function checkFile(file: CandidateFile): Result<AcceptedMime> {
  if (file.size <= 0) return fail(fileEmpty(file.name));
  if (file.size > MAX_FILE_BYTES) return fail(fileTooLarge(file.name, MAX_FILE_LABEL));
  if (!isAcceptedMime(file.detectedMime)) return fail(fileFormatRefused(file.name, FORMATS_LABEL));
  return ok(file.detectedMime);
}

import { fileTypeFromBuffer } from 'file-type';
import { ACCEPTED_FORMATS, checkFile, type AcceptedMime } from '../../shared/documents/file-rules';
import { fail, ok, type Result } from '../../shared/result';
import { checkBmp } from './bmp-check';
import { checkJpeg } from './jpeg-check';
import { checkPdf } from './pdf-check';
import { checkPng } from './png-check';
import { checkTiff } from './tiff-check';
import { imageError, pdfError, type UploadError } from './upload-errors';
import type { ImageProblem, Verdict } from './verdict';

export type InspectedUpload = {
  /** Read from the bytes, never from the name. */
  mime: AcceptedMime;
  /** Pages of a PDF or a TIFF; null for a single picture (JPEG, PNG, BMP). */
  pages: number | null;
};

const IMAGE_CHECKS: Readonly<
  Record<
    Exclude<AcceptedMime, 'application/pdf'>,
    (bytes: Uint8Array) => Verdict<ImageProblem> | Promise<Verdict<ImageProblem>>
  >
> = {
  'image/jpeg': checkJpeg,
  'image/png': checkPng,
  'image/tiff': checkTiff,
  'image/bmp': checkBmp,
};

function formatLabel(mime: AcceptedMime): string {
  return ACCEPTED_FORMATS.find((format) => format.mime === mime)?.label ?? mime;
}

/**
 * Everything the portal checks in an uploaded file before storing it: the type read from the
 * bytes (a PDF named « scan.jpg » is a PDF), shared's file rules (not empty, at most 10 Mo, an
 * accepted format), then that the content can really be opened: a PDF that parses, is not
 * encrypted and has a page; an image that decodes, within MAX_IMAGE_PIXELS. `name` is used in the
 * messages only. The work is bounded: see limits.ts.
 */
export async function inspectUpload(
  bytes: Uint8Array,
  name: string,
): Promise<Result<InspectedUpload, UploadError>> {
  const detected = bytes.length > 0 ? await fileTypeFromBuffer(bytes) : undefined;
  const checked = checkFile({ name, size: bytes.length, detectedMime: detected?.mime });
  if (!checked.ok) return fail(checked.error);
  const mime = checked.value;
  if (mime === 'application/pdf') {
    const verdict = await checkPdf(bytes);
    return verdict.ok ? ok({ mime, pages: verdict.pages }) : fail(pdfError(name, verdict.problem));
  }
  const verdict = await IMAGE_CHECKS[mime](bytes);
  return verdict.ok
    ? ok({ mime, pages: verdict.pages })
    : fail(imageError(name, formatLabel(mime), verdict.problem));
}

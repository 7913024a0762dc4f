import type { ErrorCode } from '../../shared/errors';
import { MAX_IMAGE_PIXELS } from './limits';
import type { ImageProblem, PdfProblem } from './verdict';

/**
 * Why an upload is refused. The first three codes are shared's file rules (shared/errors.ts:
 * file_empty, file_too_large, file_format); the others say what is wrong with the content.
 */
export type UploadErrorCode =
  | ErrorCode
  | 'pdf_unreadable'
  | 'pdf_encrypted'
  | 'pdf_no_page'
  | 'image_unreadable'
  | 'image_unsupported'
  | 'image_too_large';

export type UploadError = Readonly<{ code: UploadErrorCode; message: string }>;

function megapixels(pixels: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(pixels / 1_000_000);
}

export function pdfError(name: string, problem: PdfProblem): UploadError {
  switch (problem.kind) {
    case 'encrypted':
      return {
        code: 'pdf_encrypted',
        message: `Le fichier « ${name} » est protégé par un mot de passe : déposez une version sans protection.`,
      };
    case 'noPage':
      return {
        code: 'pdf_no_page',
        message: `Le fichier « ${name} » ne contient aucune page.`,
      };
    case 'unreadable':
      return {
        code: 'pdf_unreadable',
        message: `Le fichier « ${name} » est illisible (document PDF incomplet ou endommagé).`,
      };
  }
}

export function imageError(name: string, formatLabel: string, problem: ImageProblem): UploadError {
  switch (problem.kind) {
    case 'tooLarge':
      return {
        code: 'image_too_large',
        message: `Le fichier « ${name} » est une image trop grande (${megapixels(problem.pixels)} millions de pixels, ${megapixels(MAX_IMAGE_PIXELS)} au maximum) : réduisez sa définition avant de la déposer.`,
      };
    case 'unsupported':
      return {
        code: 'image_unsupported',
        message: `Le fichier « ${name} » est une image ${formatLabel} d'un type qui ne peut pas être affiché (${problem.variant}) : enregistrez-la de nouveau en JPG, PNG ou PDF.`,
      };
    case 'noPage':
      return {
        code: 'image_unreadable',
        message: `Le fichier « ${name} » ne contient aucune page lisible.`,
      };
    case 'unreadable':
      return {
        code: 'image_unreadable',
        message:
          problem.page === undefined
            ? `Le fichier « ${name} » est illisible (image incomplète ou endommagée).`
            : `Le fichier « ${name} » est illisible : la page ${problem.page} est incomplète ou endommagée.`,
      };
  }
}

import { describe, expect, it } from 'vitest';
import { checkFile, isAcceptedMime, MAX_FILE_BYTES, MAX_FILES_PER_DOCUMENT } from './file-rules';

describe('file rules', () => {
  it('reads 10 Mo as 10 MiB and allows 3 files per document', () => {
    expect(MAX_FILE_BYTES).toBe(10_485_760);
    expect(MAX_FILES_PER_DOCUMENT).toBe(3);
  });

  it.each(['image/jpeg', 'image/png', 'application/pdf', 'image/tiff', 'image/bmp'])(
    'accepts %s',
    (mime) => {
      expect(checkFile({ name: 'justificatif', size: 1, detectedMime: mime })).toEqual({
        ok: true,
        value: mime,
      });
    },
  );

  it('judges the content, not the name', () => {
    expect(checkFile({ name: 'scan.jpg', size: 2048, detectedMime: 'application/pdf' })).toEqual({
      ok: true,
      value: 'application/pdf',
    });
    expect(checkFile({ name: 'photo.png', size: 2048, detectedMime: 'image/gif' })).toEqual({
      ok: false,
      error: {
        code: 'file_format',
        message:
          "Le fichier « photo.png » n'est pas dans un format accepté (JPG, PNG, PDF, TIFF, BMP).",
      },
    });
  });

  it.each([
    ['x.gif', 'image/gif'],
    ['x.heic', 'image/heic'],
    ['x.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['x.txt', undefined],
  ])('refuses %s (%s)', (name, detectedMime) => {
    expect(checkFile({ name, size: 10, detectedMime })).toMatchObject({
      ok: false,
      error: {
        code: 'file_format',
        message: `Le fichier « ${name} » n'est pas dans un format accepté (JPG, PNG, PDF, TIFF, BMP).`,
      },
    });
  });

  it('takes exactly 10 Mo and refuses one byte more', () => {
    expect(
      checkFile({ name: 'a.pdf', size: MAX_FILE_BYTES, detectedMime: 'application/pdf' }).ok,
    ).toBe(true);
    expect(
      checkFile({ name: 'a.pdf', size: MAX_FILE_BYTES + 1, detectedMime: 'application/pdf' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'file_too_large',
        message: 'Le fichier « a.pdf » dépasse la taille maximale de 10 Mo par fichier.',
      },
    });
  });

  it('refuses an empty file, whatever its type', () => {
    expect(checkFile({ name: 'vide.pdf', size: 0, detectedMime: undefined })).toEqual({
      ok: false,
      error: { code: 'file_empty', message: 'Le fichier « vide.pdf » est vide.' },
    });
  });

  it('tells accepted MIME types', () => {
    expect(isAcceptedMime('image/png')).toBe(true);
    expect(isAcceptedMime('image/x-ms-bmp')).toBe(false);
    expect(isAcceptedMime(undefined)).toBe(false);
  });
});

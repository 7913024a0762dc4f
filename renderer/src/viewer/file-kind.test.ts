import { describe, expect, it } from 'vitest';
import { declaredKind, MIME_OF, sniffKind, type FileKind } from './file-kind';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
    ),
  );
/** A signature followed by enough of a file for any length rule (BMP's header is 54 bytes). */
const file = (...head: (string | number[])[]) => bytes(...head, new Array<number>(64).fill(0x20));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];

describe('sniffKind: the format by its first bytes', () => {
  it('recognises each format the viewer opens', () => {
    expect(sniffKind(file('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffKind(file(JPEG, '\0\x10JFIF'))).toBe('jpeg');
    expect(sniffKind(file(PNG, '\0\0\0\x0dIHDR'))).toBe('png');
    expect(sniffKind(file('BM'))).toBe('bmp');
    expect(sniffKind(file('II', [0x2a, 0x00], [8, 0, 0, 0]))).toBe('tiff');
    expect(sniffKind(file('MM', [0x00, 0x2a], [0, 0, 0, 8]))).toBe('tiff');
  });

  it('finds a PDF header behind junk within the first kilobyte, not beyond', () => {
    const junk = (n: number) => new Array<number>(n).fill(0x0a);
    expect(sniffKind(bytes(junk(900), '%PDF-1.4\n%âãÏÓ'))).toBe('pdf');
    expect(sniffKind(bytes(junk(1100), '%PDF-1.4\n'))).toBeNull();
  });

  it('does not take a byte order mark of the wrong endianness for a TIFF', () => {
    expect(sniffKind(file('II', [0x00, 0x2a]))).toBeNull();
    expect(sniffKind(file('MM', [0x2a, 0x00]))).toBeNull();
  });

  it('knows nothing of other files: a Word document, text, random bytes, nothing', () => {
    // A .docx is a ZIP archive.
    expect(sniffKind(file('PK', [0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBeNull();
    expect(sniffKind(file('Récépissé de plainte'))).toBeNull();
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect(sniffKind(random)).toBeNull();
    expect(sniffKind(new Uint8Array(0))).toBeNull();
  });

  it('needs more than a BMP signature: « BM » alone is no bitmap', () => {
    expect(sniffKind(bytes('BM', [0, 0, 0, 0]))).toBeNull();
  });

  it('reads the bytes, not the extension: a PNG named and typed as a PDF is a PNG', () => {
    const png = file(PNG, '\0\0\0\x0dIHDR');
    expect(declaredKind('application/pdf', 'passeport.pdf')).toBe('pdf');
    expect(sniffKind(png)).toBe('png');
  });

  it('tells a truncated file by its signature as long as the signature is there', () => {
    expect(sniffKind(bytes(PNG))).toBe('png');
    expect(sniffKind(bytes(PNG.slice(0, 4)))).toBeNull();
    expect(sniffKind(bytes('II', [0x2a]))).toBeNull();
  });
});

describe('declaredKind: what the file claims to be', () => {
  it('trusts the MIME type first, in any case', () => {
    expect(declaredKind('image/tiff', 'scan.pdf')).toBe('tiff');
    expect(declaredKind('IMAGE/PNG', 'scan')).toBe('png');
    expect(declaredKind('image/x-ms-bmp', 'scan')).toBe('bmp');
  });

  it('falls back on the extension, in any case', () => {
    expect(declaredKind('application/octet-stream', 'PASSEPORT.JPG')).toBe('jpeg');
    expect(declaredKind('', 'acte.jpeg')).toBe('jpeg');
    expect(declaredKind('', 'courrier.tif')).toBe('tiff');
    expect(declaredKind('', 'courrier.tiff')).toBe('tiff');
    expect(declaredKind('', 'photo.bmp')).toBe('bmp');
    expect(declaredKind('', 'plainte.scan.pdf')).toBe('pdf');
  });

  it('knows no other format: a Word document, a name without extension', () => {
    expect(
      declaredKind(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'attestation.docx',
      ),
    ).toBeNull();
    expect(declaredKind('', 'attestation')).toBeNull();
    expect(declaredKind('', 'archive.pdf.zip')).toBeNull();
    expect(declaredKind('', '')).toBeNull();
  });

  it('reads each MIME type it gives back as its own kind', () => {
    for (const [kind, mime] of Object.entries(MIME_OF))
      expect(declaredKind(mime, 'fichier')).toBe(kind as FileKind);
  });
});

/** The formats the viewer opens, recognised by their first bytes rather than by name or MIME type. */
export type FileKind = 'pdf' | 'jpeg' | 'png' | 'bmp' | 'tiff';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

/** `%PDF-` may follow a few bytes of junk: readers accept it within the first kilobyte. */
function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

export function sniffKind(bytes: Uint8Array): FileKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length > 26) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (hasPdfHeader(bytes)) return 'pdf';
  return null;
}

/** What the file claims to be (MIME type, else name), to tell a damaged file from a foreign one. */
export function declaredKind(mime: string, name: string): FileKind | null {
  const byMime: Record<string, FileKind> = {
    'application/pdf': 'pdf',
    'image/jpeg': 'jpeg',
    'image/png': 'png',
    'image/bmp': 'bmp',
    'image/x-ms-bmp': 'bmp',
    'image/tiff': 'tiff',
  };
  const known = byMime[mime.toLowerCase()];
  if (known) return known;
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byExtension: Record<string, FileKind> = {
    pdf: 'pdf',
    jpg: 'jpeg',
    jpeg: 'jpeg',
    png: 'png',
    bmp: 'bmp',
    tif: 'tiff',
    tiff: 'tiff',
  };
  return extension ? (byExtension[extension] ?? null) : null;
}

export const MIME_OF: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
};

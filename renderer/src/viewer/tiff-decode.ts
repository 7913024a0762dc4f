import * as UTIF from 'utif2';
import type { PageSize } from './types';

/** A TIFF's pages: read at once (headers only), each decoded when it is first drawn. */
export interface TiffPages {
  sizes: PageSize[];
  decode(index: number): ImageData;
}

/**
 * Whether the chain of image directories ends within the file. A file cut short loses the
 * directories written last (scanners write each after its pixels), and utif2 reads past the end
 * without a word: the pages after the cut would be silently missing. A chain that loops back
 * would keep utif2 reading forever.
 */
function directoriesWithinFile(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const seen = new Set<number>();
  for (let offset = view.getUint32(4, little); offset !== 0;) {
    if (seen.has(offset) || offset + 2 > bytes.length) return false;
    seen.add(offset);
    const next = offset + 2 + view.getUint16(offset, little) * 12;
    if (next + 4 > bytes.length) return false;
    offset = view.getUint32(next, little);
  }
  return true;
}

const numbers = (tag: unknown): number[] | null =>
  Array.isArray(tag) && tag.every((n) => typeof n === 'number') ? tag : null;

/**
 * Whether a page's pixels lie within the file: strips (offsets t273, byte counts t279) or tiles
 * (t324, t325). utif2 decodes a page whose data is cut short without a word (the missing pixels
 * left blank), so a truncated upload would show as a half-empty page.
 */
function holdsItsPixels(ifd: UTIF.IFD, fileLength: number): boolean {
  const offsets = numbers(ifd.t273) ?? numbers(ifd.t324);
  const counts = numbers(ifd.t279) ?? numbers(ifd.t325);
  if (!offsets || !counts) return true;
  return offsets.every((offset, i) => offset + (counts[i] ?? 0) <= fileLength);
}

export function readTiff(bytes: Uint8Array): TiffPages {
  if (!directoriesWithinFile(bytes)) throw new Error('TIFF tronqué');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  // Pages are the top-level directories with an image; sub-directories hold thumbnails.
  const pages = UTIF.decode(buffer as ArrayBuffer).filter(
    (ifd) => Array.isArray(ifd.t256) && Array.isArray(ifd.t257),
  );
  if (pages.length === 0) throw new Error('TIFF sans image');
  const sizes = pages.map((ifd) => ({
    width: Number((ifd.t256 as number[])[0]),
    height: Number((ifd.t257 as number[])[0]),
  }));
  if (sizes.some((s) => !(s.width > 0 && s.height > 0))) throw new Error('TIFF sans dimensions');
  if (!pages.every((ifd) => holdsItsPixels(ifd, buffer.byteLength)))
    throw new Error('TIFF tronqué');
  return {
    sizes,
    decode(index) {
      const ifd = pages[index];
      if (!ifd) throw new Error(`Pas de page ${index + 1}`);
      UTIF.decodeImage(buffer as ArrayBuffer, ifd);
      const width = Number(ifd.width);
      const height = Number(ifd.height);
      const rgba = UTIF.toRGBA8(ifd);
      if (!(width > 0 && height > 0) || rgba.length < width * height * 4)
        throw new Error('Page TIFF incomplète');
      // utif2 keeps decoded pixels on the directory and skips decoding when present: dropping
      // them frees memory and lets an evicted page be decoded again.
      Reflect.deleteProperty(ifd, 'data');
      return new ImageData(
        new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, width * height * 4),
        width,
        height,
      );
    },
  };
}

import * as UTIF from 'utif2';
import type { PageSize } from './types';

/** A TIFF's pages: read at once (headers only), each decoded when it is first drawn. */
export interface TiffPages {
  sizes: PageSize[];
  decode(index: number): ImageData;
}

export function readTiff(bytes: Uint8Array): TiffPages {
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

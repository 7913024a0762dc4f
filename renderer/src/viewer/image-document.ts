import { drawingScale, rotatedSize } from './page-geometry';
import { readTiff } from './tiff-decode';
import type { Job, PageSize, Rotation, ViewerDocument } from './types';

/** Decoded pages kept at once: a 40-page scan must not hold 40 full bitmaps. */
const KEPT_BITMAPS = 4;

function draw(
  bitmap: ImageBitmap,
  canvas: HTMLCanvasElement,
  size: PageSize,
  scale: number,
  rotation: Rotation,
) {
  const shown = rotatedSize(size, rotation);
  const cssWidth = shown.width * scale;
  const cssHeight = shown.height * scale;
  const ratio = drawingScale(cssWidth, cssHeight);
  canvas.width = Math.max(1, Math.floor(cssWidth * ratio));
  canvas.height = Math.max(1, Math.floor(cssHeight * ratio));
  canvas.style.width = `${Math.floor(cssWidth)}px`;
  canvas.style.height = `${Math.floor(cssHeight)}px`;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('Canvas 2D indisponible');
  context.imageSmoothingQuality = 'high';
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.translate(canvas.width / 2, canvas.height / 2);
  context.rotate((rotation * Math.PI) / 180);
  const width = size.width * scale * ratio;
  const height = size.height * scale * ratio;
  context.drawImage(bitmap, -width / 2, -height / 2, width, height);
}

/** Pages from any source of bitmaps, with a small cache of decoded pages. */
function bitmapDocument(
  sizes: PageSize[],
  decode: (index: number) => Promise<ImageBitmap>,
): ViewerDocument {
  const cache = new Map<number, Promise<ImageBitmap>>();
  let destroyed = false;
  const bitmap = (index: number) => {
    let found = cache.get(index);
    if (found) {
      cache.delete(index); // most recently used last
    } else {
      found = decode(index);
      found.catch(() => cache.delete(index));
    }
    cache.set(index, found);
    while (cache.size > KEPT_BITMAPS) {
      const [oldest, evicted] = cache.entries().next().value as [number, Promise<ImageBitmap>];
      cache.delete(oldest);
      void evicted.then((b) => b.close()).catch(() => undefined);
    }
    return found;
  };
  return {
    pageCount: sizes.length,
    pageSize: (page) => Promise.resolve(sizes[page - 1] ?? { width: 1, height: 1 }),
    render(page, canvas, scale, rotation): Job {
      let cancelled = false;
      return {
        promise: bitmap(page - 1).then((b) => {
          if (!cancelled && !destroyed) draw(b, canvas, sizes[page - 1]!, scale, rotation);
        }),
        cancel: () => {
          cancelled = true;
        },
      };
    },
    destroy() {
      destroyed = true;
      for (const entry of cache.values()) void entry.then((b) => b.close()).catch(() => undefined);
      cache.clear();
    },
  };
}

/** JPEG, PNG and BMP: the browser's own decoders (no Buffer in a renderer, so no bmp-js). */
export async function openImage(bytes: Uint8Array, mime: string): Promise<ViewerDocument> {
  const first = await createImageBitmap(new Blob([bytes as BlobPart], { type: mime }));
  const size = { width: first.width, height: first.height };
  let kept: ImageBitmap | null = first;
  return bitmapDocument([size], async () => {
    if (kept) {
      const b = kept;
      kept = null;
      return b;
    }
    return createImageBitmap(new Blob([bytes as BlobPart], { type: mime }));
  });
}

/** TIFF, one page or many (utif2): each page decoded when first drawn. */
export async function openTiff(bytes: Uint8Array): Promise<ViewerDocument> {
  const tiff = readTiff(bytes);
  // Decode the first page now: a damaged file is told at once, not on a blank page.
  const first = await createImageBitmap(tiff.decode(0));
  let kept: ImageBitmap | null = first;
  return bitmapDocument(tiff.sizes, async (index) => {
    if (index === 0 && kept) {
      const b = kept;
      kept = null;
      return b;
    }
    return createImageBitmap(tiff.decode(index));
  });
}

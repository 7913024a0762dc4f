import {
  getDocument,
  GlobalWorkerOptions,
  PDFWorker,
  TextLayer,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist';
// The worker is one of the application's own files (CSP: worker-src 'self'), never a CDN.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { drawingScale } from './page-geometry';
import type { Job, PageSize, Rotation, ViewerDocument } from './types';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * A worker started when this module loads (with the dossier page): its 1 MB script is loaded and
 * compiled before the first PDF is asked for. Later documents start their own when they open (a
 * worker warmed in the background would take CPU from the document being opened).
 */
let spare: PDFWorker | null = new PDFWorker();

/** Each document has its own worker: two PDFs side by side are parsed on both cores. */
function takeWorker(): PDFWorker {
  const worker = spare ?? new PDFWorker();
  spare = null;
  return worker;
}

/** PDF units are points (1/72 in); 100 % shows the page at its printed size in CSS pixels. */
const CSS_PER_POINT = 96 / 72;

function job(run: (signal: { cancelled: boolean }) => Promise<void>, stop: () => void): Job {
  const signal = { cancelled: false };
  return {
    promise: run(signal),
    cancel() {
      signal.cancelled = true;
      stop();
    },
  };
}

/**
 * Opens a PDF from its bytes (pdf.js takes ownership of the buffer: it is moved to the worker), or
 * from a same-origin URL, which pdf.js streams to its worker, parsing as the bytes arrive.
 * No eval anywhere: pdf.js 6 dropped its `isEvalSupported` option with the code that needed it.
 */
export async function openPdf(
  from: { bytes: Uint8Array } | { url: string },
  signal?: AbortSignal,
): Promise<ViewerDocument> {
  const worker = takeWorker();
  const loading = getDocument({
    ...('url' in from ? { url: from.url } : { data: from.bytes }),
    worker,
    stopAtErrors: false,
    enableXfa: false,
  });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // pdf.js 6: the loading task owns the document; a worker given to it is ours to stop.
    void loading.destroy().finally(() => worker.destroy());
  };
  // Another file chosen meanwhile: stop reading and parsing this one.
  signal?.addEventListener('abort', release, { once: true });
  let pdf: PDFDocumentProxy;
  try {
    pdf = await loading.promise;
  } catch (error) {
    release();
    throw error;
  }
  const pages = new Map<number, Promise<PDFPageProxy>>();
  const page = (n: number) => {
    let found = pages.get(n);
    if (!found) {
      found = pdf.getPage(n);
      pages.set(n, found);
    }
    return found;
  };
  const viewportOf = (p: PDFPageProxy, scale: number, rotation: Rotation) =>
    p.getViewport({ scale: scale * CSS_PER_POINT, rotation: (p.rotate + rotation) % 360 });

  return {
    pageCount: pdf.numPages,
    async pageSize(n: number): Promise<PageSize> {
      const { width, height } = viewportOf(await page(n), 1, 0);
      return { width, height };
    },
    render(n, canvas, scale, rotation) {
      let task: ReturnType<PDFPageProxy['render']> | null = null;
      return job(
        async (signal) => {
          const p = await page(n);
          if (signal.cancelled) return;
          const viewport = viewportOf(p, scale, rotation);
          const ratio = drawingScale(viewport.width, viewport.height);
          canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
          canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
          canvas.style.width = `${Math.floor(viewport.width)}px`;
          canvas.style.height = `${Math.floor(viewport.height)}px`;
          task = p.render({
            canvas,
            viewport,
            transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
          });
          await task.promise;
        },
        () => task?.cancel(),
      );
    },
    renderText(n, container, scale, rotation) {
      let layer: TextLayer | null = null;
      return job(
        async (signal) => {
          const p = await page(n);
          if (signal.cancelled) return;
          const viewport = viewportOf(p, scale, rotation);
          container.replaceChildren();
          container.style.setProperty('--total-scale-factor', String(viewport.scale));
          layer = new TextLayer({
            textContentSource: p.streamTextContent(),
            container,
            viewport,
          });
          await layer.render();
        },
        () => layer?.cancel(),
      );
    },
    destroy: release,
  };
}

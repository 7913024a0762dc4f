// pdf.js's own viewer component (web/pdf_viewer.mjs), set up as its "simpleviewer" example does,
// on the same file from the same server, at the same zoom as ours ("page-width").
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';
import { mark, PDF_URL, reportError, reportFirstPage, startTimer } from './first-paint';

mark('script');
pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;
// Our viewer starts its worker when its module loads (renderer/src/viewer/pdf-document.ts); the
// stock one is given the same head start, so the ratio compares the viewers, not who warms first.
const worker = new pdfjsLib.PDFWorker();
// pdf_viewer.mjs reads the library from globalThis.pdfjsLib, which pdf.mjs sets when it loads.
const { EventBus, PDFLinkService, PDFViewer } = await import('pdfjs-dist/web/pdf_viewer.mjs');

try {
  // The viewer is set up, empty, before the file is asked for.
  const container = document.getElementById('viewerContainer') as HTMLDivElement;
  const eventBus = new EventBus();
  const linkService = new PDFLinkService({ eventBus });
  const viewer = new PDFViewer({ container, eventBus, linkService });
  linkService.setViewer(viewer);
  eventBus.on('pagesinit', () => {
    viewer.currentScaleValue = 'page-width';
  });
  eventBus.on('pagerendered', ({ pageNumber }: { pageNumber: number }) => {
    if (pageNumber === 1) reportFirstPage();
  });
  await new Promise(requestAnimationFrame);

  // The agent opens the file: from here on, the clock runs.
  startTimer();
  const pdf = await pdfjsLib.getDocument({ url: PDF_URL, worker }).promise;
  mark('opened');
  viewer.setDocument(pdf);
  linkService.setDocument(pdf, null);
} catch (error) {
  reportError(error);
}

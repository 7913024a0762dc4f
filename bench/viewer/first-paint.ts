/**
 * What both bench pages report. `firstPageMs` runs from the moment the file is asked for, with the
 * page's code loaded (as when an agent opens a file in the running application); `fromNavigationMs`
 * also counts loading the page's code.
 */
declare global {
  interface Window {
    benchResult?:
      | { firstPageMs: number; fromNavigationMs: number; marks: Record<string, number> }
      | { error: string };
  }
}

const marks: Record<string, number> = {};
let start = 0;

/** A moment of the run, in ms from navigation start, shown with BENCH_VIEWER_TRACE=1. */
export function mark(name: string): void {
  marks[name] ??= Math.round(performance.now());
}

export function startTimer(): void {
  start = performance.now();
  mark('open');
}

/** Called when the first page's drawing is in the DOM: counted at the next frame. */
export function reportFirstPage(): void {
  requestAnimationFrame(() => {
    const now = performance.now();
    window.benchResult ??= { firstPageMs: now - start, fromNavigationMs: now, marks };
  });
}

export function reportError(error: unknown): void {
  window.benchResult = { error: error instanceof Error ? error.message : String(error) };
}

export const PDF_URL = '/scan.pdf';

import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/**
 * Reads a PDF back as a reader's software would, with pdf.js (the viewer the renderer embeds):
 * its pages, metadata and the text of each line with its position. Tests only.
 */

// pdfjs-dist 6 calls Promise.withResolvers (Node 22); the build machines run Node 20.
if (!('withResolvers' in Promise)) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** One line as drawn: its words joined by single spaces, where it starts and ends. */
export type ReadLine = Readonly<{
  page: number;
  text: string;
  left: number;
  right: number;
  baseline: number;
  size: number;
}>;

export type ReadPdf = Readonly<{
  pageSizes: ReadonlyArray<{ width: number; height: number }>;
  info: Readonly<Record<string, unknown>>;
  lines: readonly ReadLine[];
}>;

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given: hand it a copy, as a plain Uint8Array (it
  // refuses a Node Buffer, which is what a download or a file read gives).
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS });
  const doc = await task.promise;
  try {
    const pageSizes: { width: number; height: number }[] = [];
    const lines: ReadLine[] = [];
    for (let number = 1; number <= doc.numPages; number += 1) {
      const page = await doc.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      pageSizes.push({ width, height });
      const items = (await page.getTextContent()).items.filter(
        (item): item is TextItem => 'str' in item && item.str.trim() !== '',
      );
      // Items on the same baseline make one line (a label and its value, say).
      const byBaseline = new Map<number, TextItem[]>();
      for (const item of items) {
        const baseline = Math.round((item.transform[5] as number) * 100) / 100;
        byBaseline.set(baseline, [...(byBaseline.get(baseline) ?? []), item]);
      }
      for (const [baseline, parts] of [...byBaseline].sort(([a], [b]) => b - a)) {
        parts.sort((a, b) => (a.transform[4] as number) - (b.transform[4] as number));
        const first = parts[0]!;
        const last = parts.at(-1)!;
        lines.push({
          page: number - 1,
          text: parts
            .map((p) => p.str)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
          left: first.transform[4] as number,
          right: (last.transform[4] as number) + last.width,
          baseline,
          size: first.transform[0] as number,
        });
      }
    }
    const { info } = await doc.getMetadata();
    return { pageSizes, info: info as Record<string, unknown>, lines };
  } finally {
    await task.destroy();
  }
}

/**
 * Checks that the lines read, in order, are exactly `expected`, where one expected text may have
 * been wrapped over several lines. Returns the first difference, or null.
 */
export function differenceFrom(lines: readonly ReadLine[], expected: readonly string[]) {
  let next = 0;
  for (const [index, text] of expected.entries()) {
    let read = '';
    while (next < lines.length && read.length < text.length) {
      read = read === '' ? lines[next]!.text : `${read} ${lines[next]!.text}`;
      next += 1;
    }
    if (read !== text) return { index, expected: text, read };
  }
  return next === lines.length
    ? null
    : { index: expected.length, expected: '', read: lines.slice(next).map((l) => l.text) };
}

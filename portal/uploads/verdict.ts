/** What a format check concludes: the content is usable (with its page count), or why not. */
export type PdfProblem = { kind: 'unreadable' } | { kind: 'noPage' } | { kind: 'encrypted' };

export type ImageProblem =
  | { kind: 'unreadable'; page?: number }
  | { kind: 'noPage' }
  | { kind: 'unsupported'; variant: string }
  | { kind: 'tooLarge'; pixels: number };

export type Verdict<P> = { ok: true; pages: number | null } | { ok: false; problem: P };

export function usable(pages: number | null): { ok: true; pages: number | null } {
  return { ok: true, pages };
}

export function refused<P>(problem: P): { ok: false; problem: P } {
  return { ok: false, problem };
}

/** The usual image refusal; `page` (1-based) names the bad page of a multi-page TIFF. */
export function unreadableImage(page?: number): { ok: false; problem: ImageProblem } {
  return refused(page === undefined ? { kind: 'unreadable' } : { kind: 'unreadable', page });
}

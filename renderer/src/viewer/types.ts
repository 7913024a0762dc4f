/** A quarter turn clockwise, as the backend remembers it per page. */
export type Rotation = 0 | 90 | 180 | 270;

/** A document file as the dossier lists it. */
export interface ViewerFile {
  sha256: string;
  name: string;
  mime: string;
  /** Unknown for an attestation just rendered for a preview. */
  size?: number;
}

/** A rectangle on a page; x, y, width and height are fractions (0–1) of the unrotated page. */
export interface PageRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Highlight extends PageRect {
  id: number;
  comment: string;
}

/** Zoom: fit the width, fit the whole page, or a percentage of the page's actual size. */
export type ZoomMode = 'width' | 'page' | number;

/** A page's size at 100 %, in CSS pixels, before the agent's rotation. */
export interface PageSize {
  width: number;
  height: number;
}

/** A render that can be stopped when the file, the page or the zoom changes. */
export interface Job {
  promise: Promise<void>;
  cancel(): void;
}

/** One opened file, whatever its format: pages the viewer draws into canvases. */
export interface ViewerDocument {
  readonly pageCount: number;
  pageSize(page: number): Promise<PageSize>;
  /** Draws the page into the canvas: `scale` 1 is the page's actual size, in CSS pixels. */
  render(page: number, canvas: HTMLCanvasElement, scale: number, rotation: Rotation): Job;
  /** PDFs only: the selectable text over the page. */
  renderText?(page: number, container: HTMLElement, scale: number, rotation: Rotation): Job;
  destroy(): void;
}

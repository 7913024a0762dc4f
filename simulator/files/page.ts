/**
 * A document page as drawing instructions, in millimetres from the top-left corner. Both
 * renderers read it: render-pdf.ts (pdf-lib, real fonts) and render-raster.ts (pixels, dot font),
 * so a passport looks the same as a PDF scan or as a phone photo.
 */
export type Rgb = readonly [number, number, number];

export type FontFace = 'sans' | 'sansBold' | 'serif' | 'serifBold' | 'mono';

export type Align = 'left' | 'center' | 'right';

export type Element =
  | {
      kind: 'text';
      x: number;
      /** Baseline. */
      y: number;
      text: string;
      /** Points. */
      size: number;
      font: FontFace;
      colour: Rgb;
      align: Align;
      /** Degrees, counter-clockwise, around (x, y). */
      angle: number;
      opacity: number;
    }
  | {
      kind: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      fill: Rgb | null;
      stroke: Rgb | null;
      lineWidth: number;
      opacity: number;
    }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; colour: Rgb; width: number }
  | {
      kind: 'ellipse';
      cx: number;
      cy: number;
      rx: number;
      ry: number;
      fill: Rgb | null;
      stroke: Rgb | null;
      lineWidth: number;
      opacity: number;
    }
  /** An identity photo: plain background, a head and shoulders. */
  | {
      kind: 'photo';
      x: number;
      y: number;
      width: number;
      height: number;
      background: Rgb;
      skin: Rgb;
      hair: Rgb;
      clothes: Rgb;
    }
  /** A rubber stamp: two rings and a few centred lines, tilted, in one ink. */
  | {
      kind: 'stamp';
      cx: number;
      cy: number;
      radius: number;
      colour: Rgb;
      lines: readonly string[];
      angle: number;
    }
  /** A handwritten stroke through points given in the box's own 0–1 coordinates. */
  | {
      kind: 'signature';
      x: number;
      y: number;
      width: number;
      height: number;
      points: readonly (readonly [number, number])[];
      colour: Rgb;
    };

export type Page = { width: number; height: number; paper: Rgb; elements: Element[] };

export const A4 = { width: 210, height: 297 } as const;

export const INK: Rgb = [28, 28, 36];
export const GREY: Rgb = [110, 110, 118];
export const STAMP_BLUE: Rgb = [52, 70, 170];
export const STAMP_VIOLET: Rgb = [110, 60, 150];
export const STAMP_RED: Rgb = [170, 40, 50];

const MM_PER_POINT = 25.4 / 72;

/** Average advance of a character, as a share of the font size (close to Helvetica, Times, Courier). */
const ADVANCE: Readonly<Record<FontFace, number>> = {
  sans: 0.5,
  sansBold: 0.55,
  serif: 0.46,
  serifBold: 0.5,
  mono: 0.6,
};

/** Estimated width in mm: used for layout by both renderers, so wrapping is the same in both. */
export function textWidth(text: string, size: number, font: FontFace): number {
  return text.length * size * ADVANCE[font] * MM_PER_POINT;
}

export function pointsToMm(points: number): number {
  return points * MM_PER_POINT;
}

type TextOptions = Partial<{
  size: number;
  font: FontFace;
  colour: Rgb;
  align: Align;
  angle: number;
  opacity: number;
}>;

/** Builds a page element by element; `paragraph` wraps text and returns the next baseline. */
export class PageBuilder {
  readonly elements: Element[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
    readonly paper: Rgb = [250, 249, 245],
  ) {}

  text(x: number, y: number, text: string, options: TextOptions = {}): this {
    this.elements.push({
      kind: 'text',
      x,
      y,
      text,
      size: options.size ?? 10,
      font: options.font ?? 'sans',
      colour: options.colour ?? INK,
      align: options.align ?? 'left',
      angle: options.angle ?? 0,
      opacity: options.opacity ?? 1,
    });
    return this;
  }

  /** Wraps `text` into `width` mm; returns the baseline after the last line. */
  paragraph(x: number, y: number, width: number, text: string, options: TextOptions = {}): number {
    const size = options.size ?? 10;
    const font = options.font ?? 'sans';
    const leading = pointsToMm(size) * 1.45;
    let line = '';
    let baseline = y;
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, size, font) > width) {
        this.text(x, baseline, line, options);
        baseline += leading;
        line = word;
      } else line = candidate;
    }
    if (line) {
      this.text(x, baseline, line, options);
      baseline += leading;
    }
    return baseline;
  }

  /** « Label : value » on one line, the value in bold; returns the next baseline. */
  field(x: number, y: number, label: string, value: string, options: TextOptions = {}): number {
    const size = options.size ?? 10;
    this.text(x, y, `${label} :`, {
      ...options,
      size,
      font: 'sans',
      colour: options.colour ?? GREY,
    });
    this.text(x + textWidth(`${label} : `, size, 'sans') + 1, y, value, {
      ...options,
      size,
      font: 'sansBold',
    });
    return y + pointsToMm(size) * 1.6;
  }

  rect(
    x: number,
    y: number,
    width: number,
    height: number,
    style: Partial<{ fill: Rgb | null; stroke: Rgb | null; lineWidth: number; opacity: number }>,
  ): this {
    this.elements.push({
      kind: 'rect',
      x,
      y,
      width,
      height,
      fill: style.fill ?? null,
      stroke: style.stroke ?? null,
      lineWidth: style.lineWidth ?? 0.3,
      opacity: style.opacity ?? 1,
    });
    return this;
  }

  line(x1: number, y1: number, x2: number, y2: number, colour: Rgb = INK, width = 0.3): this {
    this.elements.push({ kind: 'line', x1, y1, x2, y2, colour, width });
    return this;
  }

  ellipse(
    cx: number,
    cy: number,
    rx: number,
    ry: number,
    style: Partial<{ fill: Rgb | null; stroke: Rgb | null; lineWidth: number; opacity: number }>,
  ): this {
    this.elements.push({
      kind: 'ellipse',
      cx,
      cy,
      rx,
      ry,
      fill: style.fill ?? null,
      stroke: style.stroke ?? null,
      lineWidth: style.lineWidth ?? 0.3,
      opacity: style.opacity ?? 1,
    });
    return this;
  }

  add(element: Element): this {
    this.elements.push(element);
    return this;
  }

  build(): Page {
    return { width: this.width, height: this.height, paper: this.paper, elements: this.elements };
  }
}

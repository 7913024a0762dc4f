import { CELL_COLUMNS, GLYPH_ROWS, glyphDots, printable } from './bitmap-font';
import type { Rgb } from './page';

/** An RGB picture in memory, with just the drawing the renderings need. Coordinates in pixels. */
export class Raster {
  /** Clamped: blending and filters may write any number, it is rounded into 0–255. */
  readonly data: Uint8ClampedArray;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8ClampedArray(width * height * 3);
    const [r, g, b] = background;
    for (let i = 0; i < this.data.length; i += 3) {
      this.data[i] = r;
      this.data[i + 1] = g;
      this.data[i + 2] = b;
    }
  }

  /** Blends `colour` over one pixel with `alpha` (0–1); outside the picture does nothing. */
  blend(x: number, y: number, [r, g, b]: Rgb, alpha = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    const d = this.data;
    d[i] = (d[i] ?? 0) + (r - (d[i] ?? 0)) * alpha;
    d[i + 1] = (d[i + 1] ?? 0) + (g - (d[i + 1] ?? 0)) * alpha;
    d[i + 2] = (d[i + 2] ?? 0) + (b - (d[i + 2] ?? 0)) * alpha;
  }

  fillRect(x: number, y: number, width: number, height: number, colour: Rgb, alpha = 1): void {
    // Anything drawn covers at least one pixel, so thin strokes and small dots never vanish.
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.max(Math.round(x) + 1, Math.round(x + width)));
    const y1 = Math.min(this.height, Math.max(Math.round(y) + 1, Math.round(y + height)));
    if (width <= 0 || height <= 0) return;
    if (alpha < 1) {
      for (let py = y0; py < y1; py += 1)
        for (let px = x0; px < x1; px += 1) this.blend(px, py, colour, alpha);
      return;
    }
    const [r, g, b] = colour;
    for (let py = y0; py < y1; py += 1)
      for (let i = (py * this.width + x0) * 3, end = (py * this.width + x1) * 3; i < end; i += 3) {
        this.data[i] = r;
        this.data[i + 1] = g;
        this.data[i + 2] = b;
      }
  }

  strokeRect(
    x: number,
    y: number,
    width: number,
    height: number,
    thickness: number,
    colour: Rgb,
    alpha = 1,
  ): void {
    const t = Math.max(1, thickness);
    this.fillRect(x, y, width, t, colour, alpha);
    this.fillRect(x, y + height - t, width, t, colour, alpha);
    this.fillRect(x, y + t, t, height - 2 * t, colour, alpha);
    this.fillRect(x + width - t, y + t, t, height - 2 * t, colour, alpha);
  }

  /**
   * Fills the ellipse, or only its ring of `thickness` pixels; `clip` keeps the drawing inside a
   * box (a photo's frame).
   */
  ellipse(
    cx: number,
    cy: number,
    rx: number,
    ry: number,
    colour: Rgb,
    options: { thickness?: number; alpha?: number; clip?: [number, number, number, number] } = {},
  ): void {
    const alpha = options.alpha ?? 1;
    const [cx0, cy0, cx1, cy1] = options.clip ?? [0, 0, this.width, this.height];
    const x0 = Math.max(Math.floor(cx - rx - 1), Math.floor(cx0), 0);
    const x1 = Math.min(Math.ceil(cx + rx + 1), Math.ceil(cx1), this.width);
    const y0 = Math.max(Math.floor(cy - ry - 1), Math.floor(cy0), 0);
    const y1 = Math.min(Math.ceil(cy + ry + 1), Math.ceil(cy1), this.height);
    // The hole of a ring; none for a filled ellipse.
    const ix = options.thickness ? rx - options.thickness : 0;
    const iy = options.thickness ? ry - options.thickness : 0;
    for (let py = y0; py < y1; py += 1)
      for (let px = x0; px < x1; px += 1) {
        const dx = px + 0.5 - cx;
        const dy = py + 0.5 - cy;
        if ((dx * dx) / (rx * rx) + (dy * dy) / (ry * ry) > 1) continue;
        if (ix > 0 && iy > 0 && (dx * dx) / (ix * ix) + (dy * dy) / (iy * iy) < 1) continue;
        this.blend(px, py, colour, alpha);
      }
  }

  /** A stroke of round dabs: enough for rules, frames and handwriting. */
  line(
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    thickness: number,
    colour: Rgb,
    alpha = 1,
  ): void {
    const length = Math.hypot(x1 - x0, y1 - y0);
    const radius = Math.max(0.5, thickness / 2);
    if (radius <= 0.75 && Math.abs(y1 - y0) < 0.01) {
      this.fillRect(
        Math.min(x0, x1),
        y0 - radius,
        Math.abs(x1 - x0),
        Math.max(1, thickness),
        colour,
        alpha,
      );
      return;
    }
    if (radius <= 0.75 && Math.abs(x1 - x0) < 0.01) {
      this.fillRect(
        x0 - radius,
        Math.min(y0, y1),
        Math.max(1, thickness),
        Math.abs(y1 - y0),
        colour,
        alpha,
      );
      return;
    }
    const steps = Math.max(1, Math.ceil(length / Math.max(0.7, radius * 0.7)));
    for (let step = 0; step <= steps; step += 1) {
      const t = step / steps;
      const x = x0 + (x1 - x0) * t;
      const y = y0 + (y1 - y0) * t;
      if (radius <= 0.75) this.blend(Math.round(x), Math.round(y), colour, alpha);
      else this.fillRect(x - radius, y - radius, radius * 2, radius * 2, colour, alpha);
    }
  }

  /**
   * Text in the dot font. `height` is the capital height in pixels; (x, baseline) is the start of
   * the line, or its middle or end with `align`. `angle` (degrees) lays the characters along a
   * slanted line, upright, like a stamp's lettering seen from afar.
   */
  text(
    x: number,
    baseline: number,
    text: string,
    height: number,
    colour: Rgb,
    options: {
      align?: 'left' | 'center' | 'right';
      alpha?: number;
      angle?: number;
      bold?: boolean;
      /** Pixels per character; square dots when omitted. */
      advance?: number;
    } = {},
  ): void {
    const dot = height / GLYPH_ROWS;
    const chars = [...printable(text)];
    const advance = options.advance ?? dot * CELL_COLUMNS;
    const dotWidth = advance / CELL_COLUMNS;
    const width = chars.length * advance;
    const shift = options.align === 'center' ? -width / 2 : options.align === 'right' ? -width : 0;
    const radians = ((options.angle ?? 0) * Math.PI) / 180;
    const [cos, sin] = [Math.cos(radians), -Math.sin(radians)];
    const size = Math.max(1, dot * 0.92);
    const dotSpan = Math.max(1, dotWidth * 0.92);
    chars.forEach((char, index) => {
      const along = shift + index * advance;
      const originX = x + along * cos;
      const originY = baseline + along * sin - height;
      for (const [column, row] of glyphDots(char)) {
        const px = originX + column * dotWidth;
        const py = originY + row * dot;
        this.fillRect(
          px,
          py,
          options.bold ? dotSpan * 1.4 : dotSpan,
          size,
          colour,
          options.alpha ?? 1,
        );
      }
    });
  }

  /** Luminance 0–255 per pixel. */
  grey(): Uint8Array {
    const out = new Uint8Array(this.width * this.height);
    for (let i = 0, j = 0; i < out.length; i += 1, j += 3)
      out[i] =
        ((this.data[j] ?? 0) * 77 + (this.data[j + 1] ?? 0) * 150 + (this.data[j + 2] ?? 0) * 29) >>
        8;
    return out;
  }

  /** RGBA, as jpeg-js and pngjs read it. */
  rgba(): Uint8Array {
    const out = new Uint8Array(this.width * this.height * 4);
    for (let i = 0, j = 0; j < this.data.length; i += 4, j += 3) {
      out[i] = this.data[j] ?? 0;
      out[i + 1] = this.data[j + 1] ?? 0;
      out[i + 2] = this.data[j + 2] ?? 0;
      out[i + 3] = 255;
    }
    return out;
  }
}

/** A quarter turn clockwise: how a phone held sideways stores a portrait page. */
export function quarterTurn(source: Raster): Raster {
  const out = new Raster(source.height, source.width);
  for (let y = 0; y < source.height; y += 1)
    for (let x = 0; x < source.width; x += 1) {
      const from = (y * source.width + x) * 3;
      const to = (x * out.width + (out.width - 1 - y)) * 3;
      out.data[to] = source.data[from] ?? 0;
      out.data[to + 1] = source.data[from + 1] ?? 0;
      out.data[to + 2] = source.data[from + 2] ?? 0;
    }
  return out;
}

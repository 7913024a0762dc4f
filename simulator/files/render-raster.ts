import type { Rng } from '../random';
import { pointsToMm, textWidth, type Element, type Page, type Rgb } from './page';
import { Raster } from './raster';

/** How the picture was taken: on a flatbed scanner, or with a phone above a table. */
export type RasterLook =
  | { kind: 'scan'; rotation: number; bed: Rgb; speckles: number; noise: number }
  | {
      kind: 'photo';
      rotation: number;
      table: Rgb;
      /** Table visible around the page, as a share of the page's size. */
      margin: number;
      /** Where the light is brightest, in 0–1 of the picture, and how much darker the far corner is. */
      light: readonly [number, number];
      falloff: number;
      tint: Rgb;
      noise: number;
    };

/** Capital height of a text in the dot font, from its size in points. */
const CAP_HEIGHT = 0.7;

export type Region = { x: number; y: number; width: number; height: number };

/**
 * Draws a page at `dpi`: the clean sheet, before any scanner or camera. With `region` (mm), only
 * that part is drawn (a card on the sheet, photographed close).
 */
export function rasterize(page: Page, dpi: number, region?: Region): Raster {
  const scale = dpi / 25.4;
  const area = region ?? { x: 0, y: 0, width: page.width, height: page.height };
  const raster = new Raster(
    Math.round(area.width * scale),
    Math.round(area.height * scale),
    page.paper,
  );
  for (const element of page.elements) drawElement(raster, element, scale, area.x, area.y);
  return raster;
}

function drawElement(
  raster: Raster,
  element: Element,
  scale: number,
  left: number,
  top: number,
): void {
  // Lengths scale; positions also move by the drawn region's corner.
  const px = (mm: number) => mm * scale;
  const atX = (mm: number) => (mm - left) * scale;
  const atY = (mm: number) => (mm - top) * scale;
  switch (element.kind) {
    case 'text':
      raster.text(
        atX(element.x),
        atY(element.y),
        element.text,
        px(pointsToMm(element.size) * CAP_HEIGHT),
        element.colour,
        {
          align: element.align,
          alpha: element.opacity,
          angle: element.angle,
          bold: element.font === 'sansBold' || element.font === 'serifBold',
          advance: px(textWidth('M', element.size, element.font)),
        },
      );
      return;
    case 'rect': {
      const box = [atX(element.x), atY(element.y), px(element.width), px(element.height)] as const;
      if (element.fill) raster.fillRect(...box, element.fill, element.opacity);
      if (element.stroke)
        raster.strokeRect(...box, px(element.lineWidth), element.stroke, element.opacity);
      return;
    }
    case 'line':
      raster.line(
        atX(element.x1),
        atY(element.y1),
        atX(element.x2),
        atY(element.y2),
        px(element.width),
        element.colour,
      );
      return;
    case 'ellipse': {
      const shape = [atX(element.cx), atY(element.cy), px(element.rx), px(element.ry)] as const;
      if (element.fill) raster.ellipse(...shape, element.fill, { alpha: element.opacity });
      if (element.stroke)
        raster.ellipse(...shape, element.stroke, {
          alpha: element.opacity,
          thickness: Math.max(1, px(element.lineWidth)),
        });
      return;
    }
    case 'photo': {
      const [x, y, w, h] = [atX(element.x), atY(element.y), px(element.width), px(element.height)];
      const clip: [number, number, number, number] = [x, y, x + w, y + h];
      raster.fillRect(x, y, w, h, element.background);
      raster.ellipse(x + w * 0.5, y + h * 1.02, w * 0.46, h * 0.32, element.clothes, { clip });
      raster.fillRect(x + w * 0.43, y + h * 0.6, w * 0.14, h * 0.14, element.skin);
      raster.ellipse(x + w * 0.5, y + h * 0.36, w * 0.22, h * 0.27, element.hair, { clip });
      raster.ellipse(x + w * 0.5, y + h * 0.41, w * 0.18, h * 0.23, element.skin, { clip });
      return;
    }
    case 'stamp': {
      const [cx, cy, r] = [atX(element.cx), atY(element.cy), px(element.radius)];
      raster.ellipse(cx, cy, r, r, element.colour, {
        thickness: Math.max(1.5, r * 0.045),
        alpha: 0.75,
      });
      raster.ellipse(cx, cy, r * 0.8, r * 0.8, element.colour, {
        thickness: Math.max(1, r * 0.02),
        alpha: 0.75,
      });
      const height = r / 7.5;
      const radians = (element.angle * Math.PI) / 180;
      element.lines.forEach((line, index) => {
        const offset = (index - (element.lines.length - 1) / 2) * height * 1.8;
        // The line's centre, turned with the stamp.
        const lx = cx + offset * Math.sin(radians);
        const ly = cy + offset * Math.cos(radians) + height / 2;
        raster.text(lx, ly, line, height, element.colour, {
          align: 'center',
          alpha: 0.75,
          angle: element.angle,
          bold: true,
          advance: height * 0.75,
        });
      });
      return;
    }
    case 'signature': {
      const [x, y, w, h] = [atX(element.x), atY(element.y), px(element.width), px(element.height)];
      const thickness = Math.max(1.2, scale * 0.35);
      for (let i = 1; i < element.points.length; i += 1) {
        const [ax = 0, ay = 0] = element.points[i - 1] ?? [];
        const [bx = 0, by = 0] = element.points[i] ?? [];
        raster.line(x + ax * w, y + ay * h, x + bx * w, y + by * h, thickness, element.colour, 0.9);
      }
      return;
    }
  }
}

/**
 * Smooth unevenness (paper, light) as a coarse grid of random values in [-1, 1], read row by row:
 * `row(y)` returns the values interpolated along y at each grid column, then `at(x)` interpolates
 * along x. Cheap enough to run for every pixel.
 */
function unevenness(rng: Rng, width: number, height: number, cell: number) {
  const columns = Math.ceil(width / cell) + 2;
  const rows = Math.ceil(height / cell) + 2;
  const grid = Float32Array.from({ length: columns * rows }, () => rng.float(-1, 1));
  const line = new Float32Array(columns);
  return {
    row(y: number): void {
      const gy = y / cell;
      const y0 = Math.floor(gy);
      const fy = gy - y0;
      for (let column = 0; column < columns; column += 1) {
        const top = grid[y0 * columns + column] ?? 0;
        const bottom = grid[(y0 + 1) * columns + column] ?? 0;
        line[column] = top + (bottom - top) * fy;
      }
    },
    at(x: number): number {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      const left = line[x0] ?? 0;
      return left + ((line[x0 + 1] ?? 0) - left) * (gx - x0);
    },
  };
}

/**
 * Turns `page` by `radians` around its centre into `out` (its centre at (outX, outY)), with
 * bilinear interpolation; `shade(x, y)` scales the page's pixels, `background(i, x, y)` paints
 * what the page does not cover, and a grain of ±`noise`/2 is added everywhere. One tight loop,
 * since it runs for every pixel of every picture.
 */
function turnOnto(
  out: Raster,
  page: Raster,
  radians: number,
  noise: number,
  seed: number,
  shade: { row(y: number): void; at(x: number): number },
  background: (i: number, x: number, grain: number) => void,
): void {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const [cx, cy] = [out.width / 2, out.height / 2];
  const [pcx, pcy] = [page.width / 2, page.height / 2];
  const width = page.width;
  const maxX = page.width - 1;
  const maxY = page.height - 1;
  const d = page.data;
  const o = out.data;
  let state = seed >>> 0 || 1;
  let gain = 1;
  for (let y = 0; y < out.height; y += 1) {
    shade.row(y);
    let sx = pcx - cx * cos - (y - cy) * sin;
    let sy = pcy - cx * sin + (y - cy) * cos;
    for (let x = 0, i = y * out.width * 3; x < out.width; x += 1, i += 3, sx += cos, sy += sin) {
      // xorshift32: the grain, reproducible from the file's seed.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const grain = ((state >>> 0) / 4294967296 - 0.5) * noise;
      if (sx < 0 || sy < 0 || sx >= maxX || sy >= maxY) {
        background(i, x, grain);
        continue;
      }
      // Light and paper change slowly: read every 8 pixels.
      if ((x & 7) === 0) gain = shade.at(x);
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy) * gain;
      const w01 = fx * (1 - fy) * gain;
      const w10 = (1 - fx) * fy * gain;
      const w11 = fx * fy * gain;
      const a = (y0 * width + x0) * 3;
      const c = a + width * 3;
      o[i] = d[a]! * w00 + d[a + 3]! * w01 + d[c]! * w10 + d[c + 3]! * w11 + grain;
      o[i + 1] = d[a + 1]! * w00 + d[a + 4]! * w01 + d[c + 1]! * w10 + d[c + 4]! * w11 + grain;
      o[i + 2] = d[a + 2]! * w00 + d[a + 5]! * w01 + d[c + 2]! * w10 + d[c + 5]! * w11 + grain;
    }
  }
}

/** The sheet on a scanner: same size, slightly turned, the lid's grey in the corners, dust and grain. */
export function scanOf(
  page: Raster,
  look: Extract<RasterLook, { kind: 'scan' }>,
  rng: Rng,
): Raster {
  const out = new Raster(page.width, page.height, look.bed);
  const paper = unevenness(rng, page.width, page.height, Math.max(40, page.width / 12));
  const [bed0, bed1, bed2] = look.bed;
  const o = out.data;
  turnOnto(
    out,
    page,
    (look.rotation * Math.PI) / 180,
    look.noise,
    rng.int(1, 0x7fffffff),
    { row: paper.row, at: (x) => 1 + paper.at(x) * 0.015 },
    (i, _x, grain) => {
      o[i] = bed0 + grain;
      o[i + 1] = bed1 + grain;
      o[i + 2] = bed2 + grain;
    },
  );
  for (let i = 0; i < look.speckles; i += 1) {
    const size = rng.chance(0.1) ? rng.int(2, 4) : 1;
    out.fillRect(
      rng.int(0, out.width),
      rng.int(0, out.height),
      size,
      size,
      [40, 40, 40],
      rng.float(0.3, 0.9),
    );
  }
  return out;
}

/** The sheet photographed on a table: turned, smaller in the frame, lit unevenly, with a soft shadow. */
export function photoOf(
  page: Raster,
  look: Extract<RasterLook, { kind: 'photo' }>,
  rng: Rng,
): Raster {
  const width = Math.round(page.width * (1 + 2 * look.margin));
  const height = Math.round(page.height * (1 + 2 * look.margin));
  const out = new Raster(width, height, look.table);
  const radians = (look.rotation * Math.PI) / 180;
  const [lx, ly] = [look.light[0] * width, look.light[1] * height];
  const farthest = Math.max(lx, width - lx) ** 2 + Math.max(ly, height - ly) ** 2;
  const grain = unevenness(rng, width, height, Math.max(20, width / 40));
  let dy2 = 0;
  let row = 0;
  const light = {
    row(y: number) {
      row = y;
      dy2 = (y - ly) ** 2;
      grain.row(y);
    },
    at: (x: number) => 1 - (look.falloff * ((x - lx) ** 2 + dy2)) / farthest,
  };
  // The sheet's shadow falls right and down: the table is darker just beyond those edges.
  const shadow = Math.max(3, width * 0.008);
  const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
  const [cx, cy] = [width / 2, height / 2];
  const [pcx, pcy] = [page.width / 2, page.height / 2];
  const [table0, table1, table2] = look.table;
  const o = out.data;
  turnOnto(out, page, radians, look.noise, rng.int(1, 0x7fffffff), light, (i, x, speck) => {
    const sx = pcx + (x - cx) * cos - (row - cy) * sin - shadow;
    const sy = pcy + (x - cx) * sin + (row - cy) * cos - shadow;
    const inShadow = sx >= 0 && sy >= 0 && sx < page.width && sy < page.height;
    const shade = (1 + grain.at(x) * 0.06) * (inShadow ? 0.72 : 1) * light.at(x);
    o[i] = table0 * shade + speck;
    o[i + 1] = table1 * shade + speck;
    o[i + 2] = table2 * shade + speck;
  });
  // The light's colour over everything.
  const [tr, tg, tb] = look.tint.map((value) => value / 255) as [number, number, number];
  if (tr !== 1 || tg !== 1 || tb !== 1)
    for (let i = 0; i < o.length; i += 3) {
      o[i] = o[i]! * tr;
      o[i + 1] = o[i + 1]! * tg;
      o[i + 2] = o[i + 2]! * tb;
    }
  return out;
}

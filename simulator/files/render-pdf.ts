import {
  concatTransformationMatrix,
  degrees,
  fill,
  rectangle,
  setFillingGrayscaleColor,
  LineCapStyle,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  StandardFonts,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { Rng } from '../random';
import type { Element, FontFace, Page, Rgb } from './page';

const POINTS_PER_MM = 72 / 25.4;

/** How a flatbed scan differs from the page: tilt, the lid's colour around it, dust and a shadow. */
export type ScanLook = {
  /** Degrees. */
  rotation: number;
  bed: Rgb;
  speckles: number;
  shadowEdge: 'left' | 'right' | 'top' | 'none';
};

export type PdfMetadata = { title: string; creator: string; producer: string; date: Date };

const FONTS: Readonly<Record<FontFace, StandardFonts>> = {
  sans: StandardFonts.Helvetica,
  sansBold: StandardFonts.HelveticaBold,
  serif: StandardFonts.TimesRoman,
  serifBold: StandardFonts.TimesRomanBold,
  mono: StandardFonts.Courier,
};

/** Characters outside the standard fonts' WinAnsi encoding become « ? » (pdf-lib would throw). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function winAnsi(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      return (code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa0 && code <= 0xff) ||
        WIN_ANSI_EXTRA.has(char)
        ? char
        : '?';
    })
    .join('');
}

const colour = ([r, g, b]: Rgb) => rgb(r / 255, g / 255, b / 255);

type Fonts = (face: FontFace) => Promise<PDFFont>;

function fontsOf(document: PDFDocument): Fonts {
  const embedded = new Map<FontFace, Promise<PDFFont>>();
  return (face) => {
    let font = embedded.get(face);
    if (!font) {
      font = document.embedFont(FONTS[face]);
      embedded.set(face, font);
    }
    return font;
  };
}

/** A smooth path through the points (quadratic curves between midpoints), in the box's units. */
function strokePath(points: readonly (readonly [number, number])[], width: number, height: number) {
  const scaled = points.map(([x, y]) => [x * width, y * height] as const);
  const [first, ...rest] = scaled;
  if (!first) return '';
  let path = `M ${first[0].toFixed(2)} ${first[1].toFixed(2)}`;
  rest.forEach((point, index) => {
    const next = rest[index + 1];
    if (!next) path += ` L ${point[0].toFixed(2)} ${point[1].toFixed(2)}`;
    else {
      const mid = [(point[0] + next[0]) / 2, (point[1] + next[1]) / 2];
      path += ` Q ${point[0].toFixed(2)} ${point[1].toFixed(2)} ${mid[0]?.toFixed(2)} ${mid[1]?.toFixed(2)}`;
    }
  });
  return path;
}

async function drawElement(page: PDFPage, pageHeight: number, element: Element, fonts: Fonts) {
  const x = (mm: number) => mm * POINTS_PER_MM;
  const y = (mm: number) => (pageHeight - mm) * POINTS_PER_MM;
  switch (element.kind) {
    case 'text': {
      const font = await fonts(element.font);
      const text = winAnsi(element.text);
      const width = font.widthOfTextAtSize(text, element.size);
      const shift =
        element.align === 'center' ? -width / 2 : element.align === 'right' ? -width : 0;
      const radians = (element.angle * Math.PI) / 180;
      page.drawText(text, {
        x: x(element.x) + shift * Math.cos(radians),
        y: y(element.y) + shift * Math.sin(radians),
        size: element.size,
        font,
        color: colour(element.colour),
        rotate: degrees(element.angle),
        opacity: element.opacity,
      });
      return;
    }
    case 'rect':
      page.drawRectangle({
        x: x(element.x),
        y: y(element.y + element.height),
        width: x(element.width),
        height: x(element.height),
        ...(element.fill ? { color: colour(element.fill) } : {}),
        ...(element.stroke
          ? { borderColor: colour(element.stroke), borderWidth: x(element.lineWidth) }
          : {}),
        opacity: element.opacity,
        borderOpacity: element.opacity,
      });
      return;
    case 'line':
      page.drawLine({
        start: { x: x(element.x1), y: y(element.y1) },
        end: { x: x(element.x2), y: y(element.y2) },
        thickness: x(element.width),
        color: colour(element.colour),
      });
      return;
    case 'ellipse':
      page.drawEllipse({
        x: x(element.cx),
        y: y(element.cy),
        xScale: x(element.rx),
        yScale: x(element.ry),
        ...(element.fill ? { color: colour(element.fill) } : {}),
        ...(element.stroke
          ? { borderColor: colour(element.stroke), borderWidth: x(element.lineWidth) }
          : {}),
        opacity: element.opacity,
        borderOpacity: element.opacity,
      });
      return;
    case 'photo': {
      const { width, height } = element;
      const left = x(element.x);
      const top = y(element.y);
      page.drawRectangle({
        x: left,
        y: top - x(height),
        width: x(width),
        height: x(height),
        color: colour(element.background),
      });
      const box = (fx: number, fy: number) =>
        `${(fx * x(width)).toFixed(2)} ${(fy * x(height)).toFixed(2)}`;
      page.drawSvgPath(
        `M ${box(0.06, 1)} C ${box(0.08, 0.76)} ${box(0.28, 0.7)} ${box(0.5, 0.7)} C ${box(0.72, 0.7)} ${box(0.92, 0.76)} ${box(0.94, 1)} Z`,
        { x: left, y: top, color: colour(element.clothes) },
      );
      page.drawRectangle({
        x: left + x(width * 0.43),
        y: top - x(height * 0.74),
        width: x(width * 0.14),
        height: x(height * 0.14),
        color: colour(element.skin),
      });
      page.drawEllipse({
        x: left + x(width * 0.5),
        y: top - x(height * 0.36),
        xScale: x(width * 0.22),
        yScale: x(height * 0.27),
        color: colour(element.hair),
      });
      page.drawEllipse({
        x: left + x(width * 0.5),
        y: top - x(height * 0.41),
        xScale: x(width * 0.18),
        yScale: x(height * 0.23),
        color: colour(element.skin),
      });
      return;
    }
    case 'stamp': {
      const font = await fonts('sansBold');
      const radians = (element.angle * Math.PI) / 180;
      const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
      page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(cos, sin, -sin, cos, x(element.cx), y(element.cy)),
      );
      const ink = colour(element.colour);
      const r = x(element.radius);
      page.drawEllipse({
        x: 0,
        y: 0,
        xScale: r,
        yScale: r,
        borderColor: ink,
        borderWidth: 1.4,
        borderOpacity: 0.8,
      });
      page.drawEllipse({
        x: 0,
        y: 0,
        xScale: r * 0.8,
        yScale: r * 0.8,
        borderColor: ink,
        borderWidth: 0.6,
        borderOpacity: 0.8,
      });
      const size = Math.max(4, r / 5.2);
      element.lines.forEach((line, index) => {
        const text = winAnsi(line);
        const width = font.widthOfTextAtSize(text, size);
        const offset = (index - (element.lines.length - 1) / 2) * size * 1.25;
        page.drawText(text, {
          x: -width / 2,
          y: -offset - size / 3,
          size,
          font,
          color: ink,
          opacity: 0.8,
        });
      });
      page.pushOperators(popGraphicsState());
      return;
    }
    case 'signature':
      page.drawSvgPath(strokePath(element.points, x(element.width), x(element.height)), {
        x: x(element.x),
        y: y(element.y),
        borderColor: colour(element.colour),
        borderWidth: 1.1,
        borderLineCap: LineCapStyle.Round,
      });
      return;
  }
}

/**
 * Dust, toner dots and a hair or two over the whole scanned page. Written as raw path operators,
 * a few hundred tiny squares per shade in one fill, since pdf-lib's shapes cost far more each.
 */
function drawSpeckles(page: PDFPage, rng: Rng, count: number) {
  const { width, height } = page.getSize();
  const shades = [0.15, 0.35, 0.55, 0.7];
  for (const shade of shades) {
    const operators = [pushGraphicsState(), setFillingGrayscaleColor(shade)];
    for (let i = 0; i < count / shades.length; i += 1) {
      const size = rng.chance(0.08) ? rng.float(0.8, 2.2) : rng.float(0.2, 0.7);
      operators.push(
        rectangle(rng.float(0, width), rng.float(0, height), size, size * rng.float(0.6, 1.4)),
      );
    }
    operators.push(fill(), popGraphicsState());
    page.pushOperators(...operators);
  }
  for (let i = rng.int(0, 2); i > 0; i -= 1) {
    const [x, y] = [rng.float(0, width), rng.float(0, height)];
    page.drawSvgPath(
      `M 0 0 q ${rng.int(-20, 20)} ${rng.int(-25, 25)} ${rng.int(-40, 40)} ${rng.int(-40, 40)}`,
      { x, y, borderColor: rgb(0.35, 0.35, 0.35), borderWidth: 0.35, borderOpacity: 0.6 },
    );
  }
}

function drawShadow(page: PDFPage, edge: ScanLook['shadowEdge']) {
  if (edge === 'none') return;
  const { width, height } = page.getSize();
  for (let band = 0; band < 6; band += 1) {
    const depth = 5 + band * 3;
    const opacity = 0.05;
    if (edge === 'left')
      page.drawRectangle({ x: 0, y: 0, width: depth, height, color: rgb(0.2, 0.2, 0.22), opacity });
    if (edge === 'right')
      page.drawRectangle({
        x: width - depth,
        y: 0,
        width: depth,
        height,
        color: rgb(0.2, 0.2, 0.22),
        opacity,
      });
    if (edge === 'top')
      page.drawRectangle({
        x: 0,
        y: height - depth,
        width,
        height: depth,
        color: rgb(0.2, 0.2, 0.22),
        opacity,
      });
  }
}

function newDocument(metadata: PdfMetadata): Promise<PDFDocument> {
  return PDFDocument.create({ updateMetadata: false }).then((document) => {
    document.setTitle(metadata.title);
    document.setCreator(metadata.creator);
    document.setProducer(metadata.producer);
    document.setCreationDate(metadata.date);
    document.setModificationDate(metadata.date);
    return document;
  });
}

/**
 * Pages drawn as vectors: crisp when `look` is null (a PDF from a supplier's website), otherwise
 * like a scan (grey bed around a tilted sheet, dust, a shadow along the lid's hinge).
 */
export async function renderVectorPdf(
  pages: readonly Page[],
  look: ScanLook | null,
  rng: Rng,
  metadata: PdfMetadata,
): Promise<Uint8Array> {
  const document = await newDocument(metadata);
  const fonts = fontsOf(document);
  for (const source of pages) {
    const page = document.addPage([source.width * POINTS_PER_MM, source.height * POINTS_PER_MM]);
    const { width, height } = page.getSize();
    if (look) {
      page.drawRectangle({ x: 0, y: 0, width, height, color: colour(look.bed) });
      const radians = (look.rotation * Math.PI) / 180;
      const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
      const [cx, cy] = [width / 2, height / 2];
      page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(
          cos,
          sin,
          -sin,
          cos,
          cx - cos * cx + sin * cy,
          cy - sin * cx - cos * cy,
        ),
      );
    }
    page.drawRectangle({ x: 0, y: 0, width, height, color: colour(source.paper) });
    for (const element of source.elements) await drawElement(page, source.height, element, fonts);
    if (look) {
      page.pushOperators(popGraphicsState());
      drawShadow(page, look.shadowEdge);
      drawSpeckles(page, rng, look.speckles);
    }
  }
  return document.save();
}

/** Pages that are pictures (a scanner's « PDF » output): one JPEG per page, filling it. */
export async function renderImagePdf(
  pages: readonly { jpeg: Uint8Array; width: number; height: number }[],
  metadata: PdfMetadata,
): Promise<Uint8Array> {
  const document = await newDocument(metadata);
  for (const source of pages) {
    const image = await document.embedJpg(source.jpeg);
    const page = document.addPage([source.width * POINTS_PER_MM, source.height * POINTS_PER_MM]);
    page.drawImage(image, { x: 0, y: 0, ...page.getSize() });
  }
  return document.save();
}

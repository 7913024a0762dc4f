import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { toParts, type IsoDate } from '../shared/dates/calendar-date';
import { parisTimeOf } from '../shared/dates/paris-time';
import type { AttestationContent, LabelledValue } from '../shared/texts/documents';
import { embedAttestationFonts, type AttestationFonts } from './fonts';
import { withGlyphFallback } from './glyph-fallback';

/**
 * Lays out any of the guide's three documents (shared/texts/documents.ts) on A4, as the specimens
 * do: the State's block, the title, « VOS RÉFÉRENCES », the civil status, the statements.
 * Same content and issue date, same bytes: no clock, no random name, fixed metadata.
 */

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
export const MARGIN = { left: 62, right: 62, top: 50, bottom: 56 } as const;
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;

const INK = rgb(0.09, 0.09, 0.09);
const GREY = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.8, 0.8, 0.8);
const FRENCH_BLUE = rgb(0, 0, 0x91 / 255);
const FRENCH_RED = rgb(0xe1 / 255, 0, 0x0f / 255);

const AUTHOR = "Ministère de l'Intérieur et des Outre-mer";
const MINISTRY = ['MINISTÈRE', "DE L'INTÉRIEUR", 'ET DES OUTRE-MER'];
const MOTTO = ['Liberté', 'Égalité', 'Fraternité'];

/** Every line drawn, where: tests check that none leaves the page. */
export type PlacedLine = Readonly<{
  page: number;
  x: number;
  y: number;
  width: number;
  size: number;
  text: string;
}>;

type Style = Readonly<{ font: PDFFont; size: number; color?: ReturnType<typeof rgb> }>;

/**
 * Words of `text` in lines of at most `width` points; a word longer than a line (a name with no
 * space) is cut. A no-break space keeps « 0 € » and « TEST » with what precedes them.
 */
function wrap(text: string, style: Style, width: number): string[] {
  const measure = (s: string) => style.font.widthOfTextAtSize(s, style.size);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const char of word) {
      if (line !== '' && measure(line + char) > width) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** French typography: no line break before « : » nor between an amount and « € ». */
const keepTogether = (text: string): string => text.replace(/ (?=[:€])/g, '\u00A0');

class Writer {
  readonly placed: PlacedLine[] = [];
  private page: PDFPage;
  /** Baseline of the next line. */
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: AttestationFonts,
  ) {
    this.page = doc.addPage(PageSizes.A4);
    this.y = PAGE_HEIGHT - MARGIN.top;
  }

  get pageIndex(): number {
    return this.doc.getPageCount() - 1;
  }

  get current(): PDFPage {
    return this.page;
  }

  /** Moves to a new page unless `height` points still fit above the bottom margin. */
  reserve(height: number): void {
    if (this.y - height >= MARGIN.bottom) return;
    this.page = this.doc.addPage(PageSizes.A4);
    this.y = PAGE_HEIGHT - MARGIN.top;
  }

  draw(text: string, x: number, y: number, style: Style): number {
    const width = style.font.widthOfTextAtSize(text, style.size);
    this.page.drawText(text, {
      x,
      y,
      font: style.font,
      size: style.size,
      color: style.color ?? INK,
    });
    this.placed.push({ page: this.pageIndex, x, y, width, size: style.size, text });
    return width;
  }

  /** Draws `text` wrapped to `width` from `x`, advancing by `leading` per line. */
  paragraph(text: string, x: number, width: number, style: Style, leading: number): void {
    for (const line of wrap(text, style, width)) {
      this.reserve(leading);
      this.y -= leading;
      this.draw(line, x, this.y, style);
    }
  }
}

function drawStateBlock(w: Writer): void {
  const top = PAGE_HEIGHT - MARGIN.top;
  // A plain tricolour mark stands where the official Marianne logo would be.
  const band = 9;
  const height = 18;
  const x = MARGIN.left;
  const y = top - height;
  w.current.drawRectangle({ x, y, width: band, height, color: FRENCH_BLUE });
  w.current.drawRectangle({ x: x + 2 * band, y, width: band, height, color: FRENCH_RED });
  w.current.drawRectangle({
    x,
    y,
    width: 3 * band,
    height,
    borderColor: RULE,
    borderWidth: 0.5,
  });
  w.y = y - 4;
  for (const line of MINISTRY) {
    w.y -= 11.5;
    w.draw(line, MARGIN.left, w.y, { font: w.fonts.bold, size: 10 });
  }
  w.y -= 4;
  for (const line of MOTTO) {
    w.y -= 9.5;
    w.draw(line, MARGIN.left, w.y, { font: w.fonts.italic, size: 8, color: GREY });
  }
}

function drawTitle(w: Writer, lines: readonly string[]): void {
  const style = { font: w.fonts.bold, size: 13 };
  w.y -= 42;
  for (const line of lines.flatMap((l) => wrap(l, style, CONTENT_WIDTH))) {
    w.y -= 18;
    const width = style.font.widthOfTextAtSize(line, style.size);
    w.draw(line, MARGIN.left + (CONTENT_WIDTH - width) / 2, w.y, style);
  }
}

function rule(w: Writer, gapAbove: number, gapBelow: number): void {
  w.reserve(gapAbove + gapBelow);
  w.y -= gapAbove;
  w.current.drawLine({
    start: { x: MARGIN.left, y: w.y },
    end: { x: PAGE_WIDTH - MARGIN.right, y: w.y },
    thickness: 0.6,
    color: RULE,
  });
  w.y -= gapBelow;
}

/** Labels in one column, values (bold) in the next, wrapped within the page. */
function drawLabelledValues(
  w: Writer,
  rows: readonly LabelledValue[],
  labelWidth: number,
  leading: number,
): void {
  const label = { font: w.fonts.regular, size: 10 };
  const value = { font: w.fonts.bold, size: 10 };
  const valueX = MARGIN.left + labelWidth;
  for (const row of rows) {
    const lines = wrap(row.value, value, CONTENT_WIDTH - labelWidth);
    // A value stays on one page with its label, unless it is longer than a page.
    w.reserve(Math.min(leading * lines.length, PAGE_HEIGHT - MARGIN.top - MARGIN.bottom));
    lines.forEach((line, index) => {
      w.reserve(leading);
      w.y -= leading;
      if (index === 0) w.draw(row.label, MARGIN.left, w.y, label);
      if (line !== '') w.draw(line, valueX, w.y, value);
    });
  }
}

function widestLabel(fonts: AttestationFonts, rows: readonly LabelledValue[]): number {
  return Math.max(...rows.map((r) => fonts.regular.widthOfTextAtSize(r.label, 10)));
}

/**
 * Noon in Paris on the issue date: the same calendar day on every clock of France, from French
 * Polynesia to Wallis-et-Futuna, whichever zone a reader's PDF viewer shows it in.
 */
function parisNoon(date: IsoDate): Date {
  const { year, month, day } = toParts(date);
  // UTC+1 in winter, UTC+2 in summer; the clocks change at night, never around noon.
  const winterNoon = new Date(Date.UTC(year, month - 1, day, 11));
  return parisTimeOf(winterNoon) === '12:00'
    ? winterNoon
    : new Date(Date.UTC(year, month - 1, day, 10));
}

/** The content with every character replaced by one the fonts draw (glyph-fallback.ts). */
function drawable(content: AttestationContent, fonts: AttestationFonts) {
  const text = (s: string) => withGlyphFallback(s, fonts.hasGlyph);
  const rows = (list: readonly LabelledValue[]) =>
    list.map((r) => ({ label: text(r.label), value: text(r.value) }));
  return {
    titleLines: content.titleLines.map(text),
    referencesHeading: text(content.referencesHeading),
    references: rows(content.references),
    identity: rows(content.identity),
    statements: content.statements.map((s) => keepTogether(text(s))),
  };
}

export type AttestationMetadata = Readonly<{
  issuedOn: IsoDate;
  /** What the file is about, for document managers: the application's number. */
  subject: string;
}>;

export async function layOutAttestation(
  content: AttestationContent,
  { issuedOn, subject }: AttestationMetadata,
): Promise<{ bytes: Uint8Array; placed: readonly PlacedLine[] }> {
  // Without updateMetadata: false, pdf-lib stamps the current time and its own producer.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedAttestationFonts(doc);
  const page = drawable(content, fonts);

  const w = new Writer(doc, fonts);
  drawStateBlock(w);
  drawTitle(w, page.titleLines);

  w.y -= 30;
  w.reserve(14);
  w.y -= 14;
  w.draw(page.referencesHeading, MARGIN.left, w.y, { font: fonts.bold, size: 10.5 });
  w.y -= 3;
  // One value column for both blocks, as on a form.
  const labelWidth = widestLabel(fonts, [...page.references, ...page.identity]) + 8;
  drawLabelledValues(w, page.references, labelWidth, 14);

  w.y -= 14;
  drawLabelledValues(w, page.identity, labelWidth, 14);

  rule(w, 18, 6);
  for (const statement of page.statements) {
    w.y -= 9;
    w.paragraph(statement, MARGIN.left, CONTENT_WIDTH, { font: fonts.regular, size: 10.5 }, 14.5);
  }

  const pages = doc.getPages();
  if (pages.length > 1) {
    pages.forEach((p, index) => {
      const footer = `${index + 1}/${pages.length}`;
      const width = fonts.regular.widthOfTextAtSize(footer, 8);
      p.drawText(footer, {
        x: PAGE_WIDTH - MARGIN.right - width,
        y: MARGIN.bottom / 2,
        size: 8,
        font: fonts.regular,
        color: GREY,
      });
    });
  }

  const issued = parisNoon(issuedOn);
  doc.setTitle(content.title);
  doc.setAuthor(AUTHOR);
  doc.setSubject(subject);
  doc.setCreator('Instructeur');
  doc.setProducer('Instructeur (pdf-lib)');
  doc.setLanguage('fr-FR');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  return { bytes: await doc.save(), placed: w.placed };
}

import { toParts, type IsoDate } from '../../../shared/dates/calendar-date';
import type { Rng } from '../../random';
import { GREY, INK, type Page, type PageBuilder, type Rgb } from '../page';

/** One invented document: its pages and how a person would have turned it into a file. */
export type DocumentSpec = {
  /** File name without extension, ASCII (sent as X-Filename). */
  name: string;
  pages: Page[];
  /** Born digital (a supplier's or an administration's PDF): kept crisp when it stays a PDF. */
  digital: boolean;
  /** The part of the first page a phone photo would frame (a card on a sheet), in mm. */
  focus: { x: number; y: number; width: number; height: number } | null;
};

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « 16 août 2023 » */
export function longDate(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/** « août 2023 » */
export function monthYear(date: IsoDate): string {
  const { year, month } = toParts(date);
  return `${MONTHS[month - 1] ?? ''} ${year}`;
}

/** « 1 234,50 € » */
export function euros(amount: number): string {
  return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(amount)
    .replace(/\u202f/g, ' ')} €`;
}

/** The mention printed on every page: nobody may take these files for real ones. */
export function fictionMention(page: PageBuilder): void {
  page.text(
    page.width / 2,
    page.height - 6,
    'Document fictif généré par le simulateur Instructeur — personnes et numéros inventés',
    { size: 6, colour: GREY, align: 'center' },
  );
}

/** A hand-written signature: a few loops running right, then a stroke under them. */
function signaturePoints(rng: Rng): [number, number][] {
  const points: [number, number][] = [];
  const loops = rng.int(3, 6);
  const steps = loops * 9;
  const slant = rng.float(-0.1, 0.15);
  const height = rng.float(0.25, 0.4);
  for (let step = 0; step <= steps; step += 1) {
    const t = (step / 9) * Math.PI * 2;
    const x = 0.04 + (0.72 * step) / steps + 0.035 * Math.cos(t + rng.float(-0.3, 0.3));
    const y =
      0.45 - height * Math.sin(t) * (step < 9 ? 1.4 : rng.float(0.6, 1)) + slant * (step / steps);
    points.push([x, y]);
  }
  if (rng.chance(0.7)) {
    const start = rng.float(0.02, 0.2);
    points.push(
      [0.8, 0.62],
      [start + 0.3, 0.78],
      [start, 0.8],
      [rng.float(0.85, 0.98), rng.float(0.7, 0.85)],
    );
  }
  return points;
}

/** A signature in a box of about `width` × `height` mm (a letter's by default). */
export function signature(
  page: PageBuilder,
  x: number,
  y: number,
  rng: Rng,
  size: { width: number; height: number } = { width: rng.float(34, 48), height: rng.float(12, 18) },
  colour: Rgb = [30, 45, 120],
): void {
  page.add({ kind: 'signature', x, y, ...size, points: signaturePoints(rng), colour });
}

export function stamp(
  page: PageBuilder,
  cx: number,
  cy: number,
  lines: readonly string[],
  colour: Rgb,
  rng: Rng,
  radius = 17,
): void {
  page.add({ kind: 'stamp', cx, cy, radius, colour, lines, angle: rng.float(-18, 18) });
}

/** An administration's letterhead: « RÉPUBLIQUE FRANÇAISE », the service, its address. */
export function frenchLetterhead(page: PageBuilder, lines: readonly string[]): number {
  page.rect(18, 14, 2.2, 11, { fill: [0, 35, 149] });
  page.rect(20.2, 14, 2.2, 11, { fill: [240, 240, 240], stroke: null });
  page.rect(22.4, 14, 2.2, 11, { fill: [225, 0, 15] });
  page.text(27, 18, 'RÉPUBLIQUE', { size: 8, font: 'sansBold' });
  page.text(27, 21.5, 'FRANÇAISE', { size: 8, font: 'sansBold' });
  page.text(27, 25, 'Liberté Égalité Fraternité', { size: 5.5, font: 'serif' });
  let y = 34;
  for (const [index, line] of lines.entries()) {
    page.text(18, y, line, {
      size: index === 0 ? 9.5 : 8.5,
      font: index === 0 ? 'sansBold' : 'sans',
    });
    y += 4.2;
  }
  return y + 4;
}

/** Title, centred, with a rule under it; returns the next baseline. */
export function title(page: PageBuilder, y: number, text: string, size = 14): number {
  page.text(page.width / 2, y, text, { size, font: 'sansBold', align: 'center' });
  page.line(page.width / 2 - 45, y + 2.5, page.width / 2 + 45, y + 2.5, INK, 0.35);
  return y + 12;
}

/** Paragraphs at the usual margins; returns the next baseline. */
export function paragraphs(
  page: PageBuilder,
  y: number,
  texts: readonly string[],
  size = 10.5,
  font: 'sans' | 'serif' = 'serif',
): number {
  let baseline = y;
  for (const text of texts)
    baseline = page.paragraph(22, baseline, page.width - 44, text, { size, font }) + 2.5;
  return baseline;
}

/** « Fait à Lille, le 16 août 2023 », a signature and, for an office, its stamp. */
export function signOff(
  page: PageBuilder,
  y: number,
  place: string,
  date: IsoDate,
  signer: readonly string[],
  rng: Rng,
  office: { lines: readonly string[]; colour: Rgb } | null = null,
): number {
  page.text(118, y, `Fait à ${place}, le ${longDate(date)}`, { size: 10.5, font: 'serif' });
  let baseline = y + 6;
  for (const line of signer) {
    page.text(118, baseline, line, { size: 9.5, font: 'sans' });
    baseline += 4.5;
  }
  signature(page, 120, baseline, rng);
  if (office) stamp(page, 88, baseline + 8, office.lines, office.colour, rng);
  return baseline + 26;
}

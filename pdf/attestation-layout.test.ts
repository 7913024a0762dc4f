import { PageSizes } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  depositConfirmationContent,
  type DepositConfirmationInput,
} from '../shared/texts/documents';
import { layOutAttestation, MARGIN, type PlacedLine } from './attestation-layout';
import { SPECIMENS } from './specimens';
import { readPdf, type ReadLine } from './testing/read-pdf';

const LONG: DepositConfirmationInput = {
  ...SPECIMENS.confirmation,
  civilStatus: {
    ...SPECIMENS.confirmation.civilStatus,
    birthName:
      'Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewarenwohlgepflege de la Montagne-Saint-Éloi',
    usageName: 'Nguyễn Thị Minh Khai',
    firstNames: 'Иванова Жанна Ἀλέξανδρος Łukasz Ərdoğan 王 أحمد',
  },
  address: {
    line: 'Résidence des Jardins de l’Abbaye, bâtiment C, escalier 4, appartement 1207, 120 boulevard du Maréchal de Lattre de Tassigny prolongé',
    postcode: '59000',
    city: 'Lille',
    country: 'France',
  },
};

const META = { issuedOn: '2023-09-17', subject: 'Demande de titre de séjour n° 1' } as const;

function outside(placed: readonly PlacedLine[]): PlacedLine[] {
  const [width, height] = PageSizes.A4;
  return placed.filter(
    (line) =>
      line.x < MARGIN.left - 0.01 ||
      line.x + line.width > width - MARGIN.right + 0.01 ||
      line.y < MARGIN.bottom - 0.01 ||
      line.y + line.size > height - MARGIN.top + 0.01,
  );
}

/** The lines read between the one starting with `from` and the one starting with `to`. */
function between(lines: readonly ReadLine[], from: string, to: string): string[] {
  const texts = lines.map((l) => l.text);
  const start = texts.findIndex((t) => t.startsWith(from));
  const end = texts.findIndex((t) => t.startsWith(to));
  return texts.slice(start, end);
}

describe('long and foreign names', () => {
  it('wraps a long name and a long address inside the margins', async () => {
    const { bytes, placed } = await layOutAttestation(depositConfirmationContent(LONG), META);
    expect(outside(placed)).toEqual([]);
    const { lines } = await readPdf(bytes);
    const [width] = PageSizes.A4;
    expect(Math.max(...lines.map((l) => l.right))).toBeLessThanOrEqual(width - MARGIN.right + 0.5);
    expect(between(lines, 'Nom de naissance :', "Nom d'usage :").length).toBeGreaterThan(1);
    expect(between(lines, 'Adresse :', 'Le 17/09/2023,').length).toBeGreaterThan(1);
  });

  it('draws accents and Latin, Cyrillic and Greek letters as they are', async () => {
    const { bytes } = await layOutAttestation(depositConfirmationContent(LONG), META);
    const text = (await readPdf(bytes)).lines.map((l) => l.text).join(' ');
    expect(text).toContain("Nom d'usage : NGUYỄN THỊ MINH KHAI");
    expect(text).toContain('ИВАНОВА ЖАННА ἈΛΈΞΑΝΔΡΟΣ ŁUKASZ ƏRDOĞAN');
    expect(text).toContain('RÉSIDENCE DES JARDINS DE L’ABBAYE');
    expect(text).toContain('MONTAGNE-SAINT-ÉLOI');
  });

  it('writes « ? » for a script the font lacks or would draw backwards, instead of failing', async () => {
    const { bytes } = await layOutAttestation(depositConfirmationContent(LONG), META);
    const text = (await readPdf(bytes)).lines.map((l) => l.text).join(' ');
    expect(text).toContain('ƏRDOĞAN ? ????');
  });

  it('flows onto further pages, numbered, when the content is longer than a page', async () => {
    const huge = {
      ...LONG,
      address: { ...LONG.address, line: 'rue des Longues Adresses '.repeat(400) },
    };
    const { bytes, placed } = await layOutAttestation(depositConfirmationContent(huge), META);
    expect(outside(placed)).toEqual([]);
    const { pageSizes, lines } = await readPdf(bytes);
    expect(pageSizes.length).toBeGreaterThan(1);
    const footers = lines.filter((l) => /^\d+\/\d+$/.test(l.text)).map((l) => l.text);
    expect(footers).toEqual(pageSizes.map((_, index) => `${index + 1}/${pageSizes.length}`));
  });
});

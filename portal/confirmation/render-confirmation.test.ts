import { execFileSync } from 'node:child_process';
import { PageSizes, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { cardValidity } from '../../shared/dates/deadlines';
import { PROCEDURES } from '../../shared/procedures/catalogue';
import {
  depositConfirmationContent,
  favorableDecisionAttestationContent,
} from '../../shared/texts/documents';
import { buildAttestationPdf, MARGIN, type PlacedLine } from './attestation-pdf';
import { renderDepositConfirmation } from './render-confirmation';

type Input = Parameters<typeof renderDepositConfirmation>[0];

// The guide's specimen of step 5, as a first application.
const SPECIMEN: Input = {
  kind: 'first',
  foreignerNumber: '5908002020',
  applicationNumber: '5901202309170000213',
  issuedOn: '2023-09-17',
  depositedOn: '2023-09-17',
  civilStatus: {
    birthName: 'Test',
    firstNames: 'Dcem',
    birthDate: '2007-09-14',
    birthPlace: 'Mexico',
    birthCountry: 'Mexique',
    nationality: 'Mexicaine',
  },
  // As the form fills it: the « Adresse » line already ends with postcode and city.
  address: {
    line: '20 Rue Nationale 59000 Lille',
    postcode: '59000',
    city: 'Lille',
    country: 'France',
  },
};

const LONG: Input = {
  ...SPECIMEN,
  civilStatus: {
    ...SPECIMEN.civilStatus,
    birthName:
      'Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafewarenwohlgepflege de la Montagne-Saint-Éloi',
    usageName: 'Nguyễn Thị Minh Khai',
    firstNames: 'Иванова Жанна Ἀλέξανδρος Łukasz 王',
  },
  address: {
    line: 'Résidence des Jardins de l’Abbaye, bâtiment C, escalier 4, appartement 1207, 120 boulevard du Maréchal de Lattre de Tassigny prolongé',
    postcode: '59000',
    city: 'Lille',
    country: 'France',
  },
};

function pdfText(bytes: Uint8Array, mode: '-layout' | '-raw' = '-layout'): string {
  return execFileSync('pdftotext', [mode, '-enc', 'UTF-8', '-', '-'], { input: bytes }).toString();
}

/**
 * One line of words: pdftotext breaks paragraphs where the page does and, in layout mode, glues
 * a colon to a one-letter word (« A: »); neither is a difference of wording.
 */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/ ?:/g, ' :').trim();
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('renderDepositConfirmation', () => {
  it('prints the specimen’s statements word for word, and its references', async () => {
    const text = flat(pdfText(await renderDepositConfirmation(SPECIMEN)));
    for (const expected of [
      'Le 17/09/2023, vous avez déposé avec succès une demande de titre de séjour qui sera examinée par la préfecture compétente.',
      'Ce document constitue la preuve de dépôt de votre demande.',
      "Il ne constitue pas une preuve de régularité du séjour et ne permet pas l'ouverture de droits associés à un séjour régulier.",
      "Ce document n'autorise pas le franchissement des frontières de l'espace Schengen.",
      "Vous serez informé(e) de l'avancement et de la suite donnée à votre démarche par un courrier électronique vous invitant à vous connecter à votre espace personnel.",
      "MINISTÈRE DE L'INTÉRIEUR ET DES OUTRE-MER",
      'Liberté Égalité Fraternité',
      'VOS RÉFÉRENCES :',
      'Identifiant (N° étranger) : 5908002020',
      'N° de la demande : 5901202309170000213',
      "DATE D'ÉMISSION : 17/09/2023",
      'Nom de naissance : TEST',
      "Nom d'usage :",
      'Prénom : DCEM',
      'Né(e) le : 14/09/2007',
      'A : MEXICO, MEXIQUE',
      'Nationalité : MEXICAINE',
      'Adresse : 20 RUE NATIONALE 59000 LILLE FRANCE',
    ]) {
      expect(text).toContain(flat(expected));
    }
  });

  it('reads in the specimen’s order, the civil status in raw text too', async () => {
    const bytes = await renderDepositConfirmation(SPECIMEN);
    const text = flat(pdfText(bytes));
    const order = [
      'MINISTÈRE',
      'CONFIRMATION DU DÉPÔT',
      'VOS RÉFÉRENCES',
      'Nom de naissance',
      'Adresse',
      'Le 17/09/2023',
    ];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(pdfText(bytes, '-raw')).toContain('A : MEXICO, MEXIQUE');
  });

  it('prints the address once', async () => {
    const text = pdfText(await renderDepositConfirmation(SPECIMEN));
    expect(count(text, 'RUE NATIONALE')).toBe(1);
    expect(count(text, 'LILLE')).toBe(1);
    expect(count(text, '59000')).toBe(1);
  });

  it('is titled for a first application, or for a renewal', async () => {
    const first = flat(pdfText(await renderDepositConfirmation(SPECIMEN)));
    expect(first).toContain("CONFIRMATION DU DÉPÔT D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR");
    expect(first).not.toContain('RENOUVELLEMENT');
    const renewal = flat(
      pdfText(await renderDepositConfirmation({ ...SPECIMEN, kind: 'renewal' })),
    );
    expect(renewal).toContain(
      "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
    );
  });

  it('is one A4 page with the metadata of the issue, and the same bytes for the same input', async () => {
    const bytes = await renderDepositConfirmation(SPECIMEN);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: PageSizes.A4[0], height: PageSizes.A4[1] });
    expect(doc.getTitle()).toBe("CONFIRMATION DU DÉPÔT D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR");
    expect(doc.getAuthor()).toBe("Ministère de l'Intérieur");
    // Midnight in Paris (summer time) on the issue date.
    expect(doc.getCreationDate()?.toISOString()).toBe('2023-09-16T22:00:00.000Z');
    expect(await renderDepositConfirmation(SPECIMEN)).toEqual(bytes);
  });
});

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

describe('long and foreign names', () => {
  it('wraps a long name and a long address inside the margins (pdf-lib measurements)', async () => {
    const { placed } = await buildAttestationPdf(depositConfirmationContent(LONG), LONG.issuedOn);
    expect(outside(placed)).toEqual([]);
    const valueLines = (from: string, to: string) => {
      const start = placed.findIndex((l) => l.text === from);
      const end = placed.findIndex((l) => l.text === to);
      return placed.slice(start + 1, end);
    };
    expect(valueLines('Nom de naissance :', "Nom d'usage :").length).toBeGreaterThan(1);
    expect(valueLines('Adresse :', 'Le 17/09/2023,').length).toBeGreaterThan(1);
  });

  it('keeps every word inside the page once rendered (poppler’s bounding boxes)', async () => {
    const bytes = await renderDepositConfirmation(LONG);
    const boxes = execFileSync('pdftotext', ['-bbox', '-', '-'], { input: bytes }).toString();
    const xMax = [...boxes.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xMax.length).toBeGreaterThan(100);
    expect(Math.max(...xMax)).toBeLessThanOrEqual(PageSizes.A4[0] - MARGIN.right + 0.5);
  });

  it('writes names the font cannot encode in Latin letters instead of failing', async () => {
    const text = flat(pdfText(await renderDepositConfirmation(LONG)));
    expect(text).toContain("Nom d'usage : NGUYEN THI MINH KHAI");
    expect(text).toContain('Prénom : IVANOVA ZHANNA ALEXANDROS LUKASZ ?');
    expect(text).toContain('RÉSIDENCE DES JARDINS DE L’ABBAYE');
    expect(text).toContain('MONTAGNE-SAINT-ÉLOI');
  });

  it('flows onto further pages, numbered, when the content is longer than a page', async () => {
    const huge = {
      ...LONG,
      address: { ...LONG.address, line: 'rue des Longues Adresses '.repeat(400) },
    };
    const { bytes, placed } = await buildAttestationPdf(
      depositConfirmationContent(huge),
      huge.issuedOn,
    );
    expect(outside(placed)).toEqual([]);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(pdfText(bytes)).toContain(`1/${doc.getPageCount()}`);
  });
});

describe('the layout serves the attestations too', () => {
  it('renders the favourable-decision attestation with « 0 € »', async () => {
    const content = favorableDecisionAttestationContent({
      ...SPECIMEN,
      foreignerNumber: '5908002016',
      applicationNumber: '5901202309170000212',
      decidedOn: '2023-09-17',
      ...cardValidity('2023-09-17', 12),
      card: PROCEDURES['vpf-teh'].card,
      taxesEuros: 0,
    });
    const { bytes } = await buildAttestationPdf(content, '2023-09-17');
    const text = flat(pdfText(bytes));
    expect(text).toContain(
      'ATTESTATION DE DÉCISION FAVORABLE SUR UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR',
    );
    expect(text).toContain(
      'valable du 18/09/2023 au 17/09/2024 portant la mention Vie privée et familiale',
    );
    expect(text).toContain(
      'Vous devrez à cette occasion vous acquitter de 0 € correspondant au montant des taxes',
    );
  });
});

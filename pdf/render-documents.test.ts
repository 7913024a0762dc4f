import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFName, PageSizes } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MARGIN } from './attestation-layout';
import {
  renderDepositConfirmation,
  renderFavorableDecisionAttestation,
  renderProlongationAttestation,
} from './render-documents';
import { SPECIMENS } from './specimens';
import { differenceFrom, readPdf } from './testing/read-pdf';

// Golden texts, typed from the guide's specimens (step 5 « Confirmation », « Instruction » step 4,
// annex 2) for its example TEST Test, with the domain notes' corrections: the title names a first
// application (the specimens say « renouvellement »), « Nom de naissance » (one says « Norm »), the
// address once (the specimens repeat it), in Lille 59800 as the issue gives it.
const STATE = [
  'MINISTÈRE',
  "DE L'INTÉRIEUR",
  'ET DES OUTRE-MER',
  'Liberté',
  'Égalité',
  'Fraternité',
];

const REFERENCES = [
  'VOS RÉFÉRENCES :',
  'Identifiant (N° étranger) : 5908002016',
  'N° de la demande : 5901202309170000212',
];

const IDENTITY = [
  'Nom de naissance : TEST',
  "Nom d'usage :",
  'Prénom : TEST',
  'Né(e) le : 14/09/2007',
  'A : CANCUN, MEXIQUE',
  'Nationalité : MEXICAINE',
  'Adresse : 20 RUE NATIONALE 59800 LILLE FRANCE',
];

const SPECIMEN_TEXTS = {
  confirmation: [
    ...STATE,
    'CONFIRMATION DU DÉPÔT',
    "D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
    ...REFERENCES,
    "DATE D'ÉMISSION : 17/09/2023",
    ...IDENTITY,
    'Le 17/09/2023, vous avez déposé avec succès une demande de titre de séjour qui sera examinée par la préfecture compétente.',
    'Ce document constitue la preuve de dépôt de votre demande.',
    "Il ne constitue pas une preuve de régularité du séjour et ne permet pas l'ouverture de droits associés à un séjour régulier.",
    "Ce document n'autorise pas le franchissement des frontières de l'espace Schengen.",
    "Vous serez informé(e) de l'avancement et de la suite donnée à votre démarche par un courrier électronique vous invitant à vous connecter à votre espace personnel.",
  ],
  prolongation: [
    ...STATE,
    "ATTESTATION DE PROLONGATION D'INSTRUCTION",
    "D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
    ...REFERENCES,
    'Validité : du 17/09/2023 au 16/12/2023',
    ...IDENTITY,
    "La demande de titre de séjour que vous avez déposée le 17/09/2023 est toujours en cours d'instruction.",
    'Cette attestation vous est délivrée pour autoriser votre présence en France entre le 17/09/2023 et le 16/12/2023.',
    "Cette attestation n'est valable qu'accompagnée du titre précédemment détenu même s'il est arrivé à expiration.",
    "Ce document justifie le maintien de l'ensemble des droits ouverts en raison du titre de séjour précédemment détenu. Si ce titre permettait d'exercer une activité professionnelle, celle-ci peut se poursuivre pendant la durée de validité de cette attestation. Elle ne permet pas l'ouverture de droits nouveaux.",
    "Ce document autorise le franchissement des frontières de l'espace Schengen.",
  ],
  favorableDecision: [
    ...STATE,
    'ATTESTATION DE DÉCISION FAVORABLE',
    'SUR UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR',
    ...REFERENCES,
    "DATE D'ÉMISSION : 17/09/2023",
    ...IDENTITY,
    "Le 17/09/2023, une décision favorable a été prise à la suite de votre demande d'admission au séjour.",
    'Une carte de séjour temporaire, valable du 18/09/2023 au 17/09/2024 portant la mention Vie privée et familiale va vous être délivré(e). Ce document est actuellement en cours de fabrication.',
    "Cette attestation n'est valable qu'accompagnée du visa de long séjour ou du titre précédemment détenu.",
    "Ce document autorise le franchissement des frontières de l'espace Schengen.",
    'Vous serez prochainement informé(e) de la réception en préfecture ou sous-préfecture de votre titre et des démarches à faire pour venir le retirer. Vous devrez à cette occasion vous acquitter de 0 € correspondant au montant des taxes que vous réglerez par timbre électronique acheté au préalable en ligne, dans un bureau de tabac ou sur les bornes installées dans certains services fiscaux.',
  ],
} as const;

const RENDER = {
  confirmation: () => renderDepositConfirmation(SPECIMENS.confirmation),
  prolongation: () => renderProlongationAttestation(SPECIMENS.prolongation),
  favorableDecision: () => renderFavorableDecisionAttestation(SPECIMENS.favorableDecision),
} as const;

const TITLES = {
  confirmation: "CONFIRMATION DU DÉPÔT D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
  prolongation:
    "ATTESTATION DE PROLONGATION D'INSTRUCTION D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
  favorableDecision:
    'ATTESTATION DE DÉCISION FAVORABLE SUR UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR',
} as const;

const DOCUMENTS = Object.keys(RENDER) as (keyof typeof RENDER)[];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(DOCUMENTS)('the specimen of %s', (document) => {
  it('reads, line by line, as the guide’s specimen', async () => {
    const { lines } = await readPdf(await RENDER[document]());
    expect(differenceFrom(lines, SPECIMEN_TEXTS[document])).toBeNull();
  });

  it('is one A4 page whose every line stays inside the margins', async () => {
    const { pageSizes, lines } = await readPdf(await RENDER[document]());
    const [width, height] = PageSizes.A4;
    expect(pageSizes).toEqual([{ width, height }]);
    for (const line of lines) {
      expect(line.left, line.text).toBeGreaterThanOrEqual(MARGIN.left - 0.5);
      expect(line.right, line.text).toBeLessThanOrEqual(width - MARGIN.right + 0.5);
      expect(line.baseline, line.text).toBeGreaterThanOrEqual(MARGIN.bottom);
      expect(line.baseline + line.size, line.text).toBeLessThanOrEqual(height - MARGIN.top);
    }
  });

  it('says what it is in its metadata, dated at noon in Paris on the issue date', async () => {
    const { info } = await readPdf(await RENDER[document]());
    expect(info).toMatchObject({
      Title: TITLES[document],
      Author: "Ministère de l'Intérieur et des Outre-mer",
      Subject: 'Demande de titre de séjour n° 5901202309170000212',
      Creator: 'Instructeur',
      Producer: 'Instructeur (pdf-lib)',
      Language: 'fr-FR',
      // 12:00 in Paris, summer time.
      CreationDate: 'D:20230917100000Z',
      ModDate: 'D:20230917100000Z',
    });
  });

  it('embeds its fonts, subsets of DejaVu Sans, and no standard font', async () => {
    const doc = await PDFDocument.load(await RENDER[document](), { updateMetadata: false });
    const dicts = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict);
    const ofType = (type: string) =>
      dicts.filter((d) => d.get(PDFName.of('Type')) === PDFName.of(type));
    const descriptors = ofType('FontDescriptor');
    expect(descriptors.map((d) => d.get(PDFName.of('FontName'))?.toString()).sort()).toEqual([
      '/ATTEST+DejaVuSans',
      '/ATTEST+DejaVuSans-Bold',
      '/ATTEST+DejaVuSans-Oblique',
    ]);
    for (const descriptor of descriptors) {
      expect(descriptor.has(PDFName.of('FontFile2'))).toBe(true);
    }
    const baseFonts = ofType('Font').map((d) => d.get(PDFName.of('BaseFont'))?.toString());
    expect(baseFonts.every((name) => name?.startsWith('/ATTEST+DejaVuSans'))).toBe(true);
  });
});

describe('the same input gives the same bytes', () => {
  afterEach(() => vi.useRealTimers());
  afterEach(() => vi.restoreAllMocks());

  it.each(DOCUMENTS)(
    '%s: rendered twice, at another time and with other random numbers',
    async (document) => {
      const first = sha256(await RENDER[document]());
      vi.useFakeTimers({ now: new Date('2031-02-03T04:05:06Z'), toFake: ['Date'] });
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      expect(sha256(await RENDER[document]())).toBe(first);
    },
  );

  it('rendered among others at once (a batch of renewals), each gives its own bytes', async () => {
    const alone = new Map<string, string>();
    for (const document of DOCUMENTS) alone.set(document, sha256(await RENDER[document]()));
    const batch = [...DOCUMENTS, ...DOCUMENTS].reverse();
    const hashes = await Promise.all(batch.map(async (d) => sha256(await RENDER[d]())));
    expect(hashes).toEqual(batch.map((document) => alone.get(document)));
  });

  it('another issue date gives other bytes, dated that day', async () => {
    const specimen = await renderFavorableDecisionAttestation(SPECIMENS.favorableDecision);
    const later = await renderFavorableDecisionAttestation({
      ...SPECIMENS.favorableDecision,
      issuedOn: '2023-12-01',
    });
    expect(sha256(later)).not.toBe(sha256(specimen));
    const { info, lines } = await readPdf(later);
    // 12:00 in Paris, winter time.
    expect(info.CreationDate).toBe('D:20231201110000Z');
    expect(lines.map((l) => l.text)).toContain("DATE D'ÉMISSION : 01/12/2023");
  });
});

describe('titles', () => {
  it.each([
    [
      'confirmation',
      () => renderDepositConfirmation({ ...SPECIMENS.confirmation, kind: 'renewal' }),
      ['CONFIRMATION DU DÉPÔT', "D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR"],
    ],
    [
      'prolongation',
      () => renderProlongationAttestation({ ...SPECIMENS.prolongation, kind: 'renewal' }),
      [
        "ATTESTATION DE PROLONGATION D'INSTRUCTION",
        "D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
      ],
    ],
    [
      'favorable decision',
      () => renderFavorableDecisionAttestation({ ...SPECIMENS.favorableDecision, kind: 'renewal' }),
      ['ATTESTATION DE DÉCISION FAVORABLE', 'SUR UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR'],
    ],
  ] as const)('%s of a renewal: the guide’s title, on two lines', async (_, render, title) => {
    const { lines } = await readPdf(await render());
    const texts = lines.map((l) => l.text);
    const start = texts.indexOf(title[0]);
    expect(texts.slice(start, start + 3)).toEqual([...title, 'VOS RÉFÉRENCES :']);
  });
});

import type { IsoDate } from '../dates/calendar-date';
import { formatFrenchDate } from '../dates/format';
import type { CardFacts } from '../procedures/catalogue';

/**
 * The three PDFs of the guide: « Confirmation du dépôt » (step 5), « Attestation de décision
 * favorable » (instruction) and « Attestation de prolongation d'instruction » (annex 2). Their
 * statements are the guide's, word for word. Two corrections, both from the domain notes: the
 * title names the real kind of application (the guide's specimens all say « renouvellement »),
 * and the address is printed once (the specimens repeat street, postcode and city).
 * The content is data; laying it out on a page is the renderer's job.
 */
export type ApplicationKind = 'first' | 'renewal';

export type AttestationDocument = 'confirmation' | 'prolongation' | 'favorableDecision';

export type CivilStatus = Readonly<{
  birthName: string;
  usageName?: string;
  firstNames: string;
  birthDate: IsoDate;
  birthPlace: string;
  birthCountry: string;
  nationality: string;
}>;

export type PostalAddress = Readonly<{
  line: string;
  postcode: string;
  city: string;
  country: string;
}>;

/** One line of a block: « Nom de naissance : » and « TEST ». */
export type LabelledValue = Readonly<{ label: string; value: string }>;

export type AttestationContent = Readonly<{
  /** One string, for the PDF's metadata and for screens. */
  title: string;
  /** The same title broken where the specimen breaks it. */
  titleLines: readonly string[];
  referencesHeading: string;
  references: readonly LabelledValue[];
  identity: readonly LabelledValue[];
  statements: readonly string[];
}>;

const TITLE_HEADS: Readonly<Record<AttestationDocument, string>> = {
  confirmation: 'CONFIRMATION DU DÉPÔT',
  prolongation: "ATTESTATION DE PROLONGATION D'INSTRUCTION",
  favorableDecision: 'ATTESTATION DE DÉCISION FAVORABLE',
};

// The favourable decision is « sur » the application, the two others « d' » it.
const TITLE_TAILS: Readonly<Record<ApplicationKind, { of: string; on: string }>> = {
  first: {
    of: "D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
    on: 'SUR UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR',
  },
  renewal: {
    of: "D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
    on: 'SUR UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR',
  },
};

export function documentTitleLines(
  doc: AttestationDocument,
  kind: ApplicationKind,
): readonly [string, string] {
  const tail = TITLE_TAILS[kind];
  return [TITLE_HEADS[doc], doc === 'favorableDecision' ? tail.on : tail.of];
}

export function documentTitle(doc: AttestationDocument, kind: ApplicationKind): string {
  return documentTitleLines(doc, kind).join(' ');
}

const LABELS = {
  references: 'VOS RÉFÉRENCES :',
  foreignerNumber: 'Identifiant (N° étranger) :',
  applicationNumber: 'N° de la demande :',
  issuedOn: "DATE D'ÉMISSION :",
  validity: 'Validité :',
  birthName: 'Nom de naissance :',
  usageName: "Nom d'usage :",
  firstNames: 'Prénom :',
  birthDate: 'Né(e) le :',
  birthPlace: 'A :',
  nationality: 'Nationalité :',
  address: 'Adresse :',
} as const;

const capitals = (text: string): string => collapseSpaces(text).toLocaleUpperCase('fr-FR');

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Compared loosely, for the test « does the line already end with the postcode and city? ». */
function comparable(text: string): string {
  return capitals(text).replace(/[\s,]+/g, ' ');
}

/**
 * The address on one line, in capitals, each part once: « 20 RUE NATIONALE 59000 LILLE FRANCE ».
 * The form's « Adresse » line often already ends with the postcode and city (the address
 * suggestions fill it so: « 20 Rue Nationale 59800 Lille »); they are not repeated.
 */
export function formatPostalAddress(address: PostalAddress): string {
  let line = collapseSpaces(address.line);
  for (const suffix of [
    `${address.postcode} ${address.city} ${address.country}`,
    `${address.postcode} ${address.city}`,
  ]) {
    const wanted = comparable(suffix);
    const words = line.split(' ');
    const take = wanted.split(' ').length;
    if (words.length > take && comparable(words.slice(-take).join(' ')) === wanted) {
      line = words.slice(0, -take).join(' ').replace(/,$/, '');
      break;
    }
  }
  return capitals([line, address.postcode, address.city, address.country].join(' '));
}

/** The civil status and address block, in capitals like the specimens. */
function identityBlock(civilStatus: CivilStatus, address: PostalAddress): LabelledValue[] {
  return [
    { label: LABELS.birthName, value: capitals(civilStatus.birthName) },
    { label: LABELS.usageName, value: capitals(civilStatus.usageName ?? '') },
    { label: LABELS.firstNames, value: capitals(civilStatus.firstNames) },
    { label: LABELS.birthDate, value: formatFrenchDate(civilStatus.birthDate) },
    {
      label: LABELS.birthPlace,
      value: capitals(`${civilStatus.birthPlace}, ${civilStatus.birthCountry}`),
    },
    { label: LABELS.nationality, value: capitals(civilStatus.nationality) },
    { label: LABELS.address, value: formatPostalAddress(address) },
  ];
}

type References = Readonly<{ foreignerNumber: string; applicationNumber: string }>;

function references(refs: References, last: LabelledValue): LabelledValue[] {
  return [
    { label: LABELS.foreignerNumber, value: refs.foreignerNumber },
    { label: LABELS.applicationNumber, value: refs.applicationNumber },
    last,
  ];
}

function issued(issuedOn: IsoDate): LabelledValue {
  return { label: LABELS.issuedOn, value: formatFrenchDate(issuedOn) };
}

type Holder = References &
  Readonly<{ kind: ApplicationKind; civilStatus: CivilStatus; address: PostalAddress }>;

function content(
  doc: AttestationDocument,
  holder: Holder,
  lastReference: LabelledValue,
  statements: readonly string[],
): AttestationContent {
  const titleLines = documentTitleLines(doc, holder.kind);
  return {
    title: titleLines.join(' '),
    titleLines,
    referencesHeading: LABELS.references,
    references: references(holder, lastReference),
    identity: identityBlock(holder.civilStatus, holder.address),
    statements,
  };
}

export function confirmationStatements(depositedOn: IsoDate): string[] {
  return [
    `Le ${formatFrenchDate(depositedOn)}, vous avez déposé avec succès une demande de titre de séjour qui sera examinée par la préfecture compétente.`,
    'Ce document constitue la preuve de dépôt de votre demande.',
    "Il ne constitue pas une preuve de régularité du séjour et ne permet pas l'ouverture de droits associés à un séjour régulier.",
    "Ce document n'autorise pas le franchissement des frontières de l'espace Schengen.",
    "Vous serez informé(e) de l'avancement et de la suite donnée à votre démarche par un courrier électronique vous invitant à vous connecter à votre espace personnel.",
  ];
}

export type DepositConfirmationInput = Holder &
  Readonly<{ issuedOn: IsoDate; depositedOn: IsoDate }>;

export function depositConfirmationContent(input: DepositConfirmationInput): AttestationContent {
  return content(
    'confirmation',
    input,
    issued(input.issuedOn),
    confirmationStatements(input.depositedOn),
  );
}

export function prolongationStatements(input: {
  depositedOn: IsoDate;
  validFrom: IsoDate;
  validTo: IsoDate;
}): string[] {
  return [
    `La demande de titre de séjour que vous avez déposée le ${formatFrenchDate(input.depositedOn)} est toujours en cours d'instruction.`,
    `Cette attestation vous est délivrée pour autoriser votre présence en France entre le ${formatFrenchDate(input.validFrom)} et le ${formatFrenchDate(input.validTo)}.`,
    "Cette attestation n'est valable qu'accompagnée du titre précédemment détenu même s'il est arrivé à expiration.",
    "Ce document justifie le maintien de l'ensemble des droits ouverts en raison du titre de séjour précédemment détenu. Si ce titre permettait d'exercer une activité professionnelle, celle-ci peut se poursuivre pendant la durée de validité de cette attestation. Elle ne permet pas l'ouverture de droits nouveaux.",
    "Ce document autorise le franchissement des frontières de l'espace Schengen.",
  ];
}

export type ProlongationAttestationInput = Holder &
  Readonly<{ depositedOn: IsoDate; validFrom: IsoDate; validTo: IsoDate }>;

/** Its reference block ends with « Validité : du … au … » where the others print the issue date. */
export function prolongationAttestationContent(
  input: ProlongationAttestationInput,
): AttestationContent {
  return content(
    'prolongation',
    input,
    {
      label: LABELS.validity,
      value: `du ${formatFrenchDate(input.validFrom)} au ${formatFrenchDate(input.validTo)}`,
    },
    prolongationStatements(input),
  );
}

/** « 0 € », « 225 € », « 25,50 € ». */
function euros(amount: number): string {
  const text = Number.isInteger(amount) ? String(amount) : amount.toFixed(2).replace('.', ',');
  return `${text} €`;
}

export type FavorableDecisionFacts = Readonly<{
  decidedOn: IsoDate;
  /** The card's validity (`cardValidity` in dates/deadlines.ts: from the next day, one year). */
  validFrom: IsoDate;
  validTo: IsoDate;
  card: Pick<CardFacts, 'title' | 'kind'>;
  taxesEuros: number;
}>;

export function favorableDecisionStatements(input: FavorableDecisionFacts): string[] {
  const card = input.card.title.charAt(0).toLocaleLowerCase('fr-FR') + input.card.title.slice(1);
  return [
    `Le ${formatFrenchDate(input.decidedOn)}, une décision favorable a été prise à la suite de votre demande d'admission au séjour.`,
    `Une ${card}, valable du ${formatFrenchDate(input.validFrom)} au ${formatFrenchDate(input.validTo)} portant la mention ${input.card.kind} va vous être délivré(e). Ce document est actuellement en cours de fabrication.`,
    "Cette attestation n'est valable qu'accompagnée du visa de long séjour ou du titre précédemment détenu.",
    "Ce document autorise le franchissement des frontières de l'espace Schengen.",
    `Vous serez prochainement informé(e) de la réception en préfecture ou sous-préfecture de votre titre et des démarches à faire pour venir le retirer. Vous devrez à cette occasion vous acquitter de ${euros(input.taxesEuros)} correspondant au montant des taxes que vous réglerez par timbre électronique acheté au préalable en ligne, dans un bureau de tabac ou sur les bornes installées dans certains services fiscaux.`,
  ];
}

export type FavorableDecisionAttestationInput = Holder &
  FavorableDecisionFacts &
  Readonly<{ issuedOn: IsoDate }>;

export function favorableDecisionAttestationContent(
  input: FavorableDecisionAttestationInput,
): AttestationContent {
  return content(
    'favorableDecision',
    input,
    issued(input.issuedOn),
    favorableDecisionStatements(input),
  );
}

import type { APIRequestContext } from '@playwright/test';
import type { IsoDate } from '../shared/dates/calendar-date';
import { cardValidity, prolongationValidity } from '../shared/dates/deadlines';
import { formatFrenchDate } from '../shared/dates/format';
import { parisDateOf } from '../shared/dates/paris-time';
import { formatPostalAddress } from '../shared/texts/documents';
import { trpc } from './support';

// The attestations' golden texts of pdf/render-documents.test.ts, for a demo dossier and today's
// dates: what the applicant must read in the PDF they download from the portal.

/** What the attestations print of their holder, as the dossier was submitted. */
export type Holder = {
  foreignerNumber: string;
  depositedOn: IsoDate;
  civilStatus: {
    birthName: string;
    usageName?: string;
    firstNames: string;
    birthDate: IsoDate;
    birthPlace: string;
    birthCountry: string;
    nationality: string;
  };
  address: { line: string; postcode: string; city: string; country: string };
};

export async function holderOf(
  request: APIRequestContext,
  applicationNumber: string,
): Promise<Holder> {
  const { token } = await trpc<{ token: string }>(request, 'auth.login', {
    login: 'agent.nord',
    password: 'Demo-Agent-59',
  });
  const { header, dossier } = await trpc<{
    header: { foreignerNumber: string; submittedAt: string };
    dossier: { personal: Pick<Holder, 'civilStatus' | 'address'> };
  }>(request, 'dossier.get', { applicationNumber }, token);
  return {
    foreignerNumber: header.foreignerNumber,
    depositedOn: parisDateOf(new Date(header.submittedAt)),
    ...dossier.personal,
  };
}

const STATE = [
  'MINISTÈRE',
  "DE L'INTÉRIEUR",
  'ET DES OUTRE-MER',
  'Liberté',
  'Égalité',
  'Fraternité',
];

const capitals = (text: string) => text.replace(/\s+/g, ' ').trim().toLocaleUpperCase('fr-FR');

const references = (applicationNumber: string, holder: Holder) => [
  'VOS RÉFÉRENCES :',
  `Identifiant (N° étranger) : ${holder.foreignerNumber}`,
  `N° de la demande : ${applicationNumber}`,
];

function identity({ civilStatus: civil, address }: Holder): string[] {
  const usage = civil.usageName?.trim() ? ` ${capitals(civil.usageName)}` : '';
  return [
    `Nom de naissance : ${capitals(civil.birthName)}`,
    `Nom d'usage :${usage}`,
    `Prénom : ${capitals(civil.firstNames)}`,
    `Né(e) le : ${formatFrenchDate(civil.birthDate)}`,
    `A : ${capitals(`${civil.birthPlace}, ${civil.birthCountry}`)}`,
    `Nationalité : ${capitals(civil.nationality)}`,
    `Adresse : ${formatPostalAddress(address)}`,
  ];
}

export function prolongationText(
  applicationNumber: string,
  holder: Holder,
  today: IsoDate,
): string[] {
  const { validFrom, validTo } = prolongationValidity(today);
  const [from, to] = [formatFrenchDate(validFrom), formatFrenchDate(validTo)];
  return [
    ...STATE,
    "ATTESTATION DE PROLONGATION D'INSTRUCTION",
    "D'UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR",
    ...references(applicationNumber, holder),
    `Validité : du ${from} au ${to}`,
    ...identity(holder),
    `La demande de titre de séjour que vous avez déposée le ${formatFrenchDate(holder.depositedOn)} est toujours en cours d'instruction.`,
    `Cette attestation vous est délivrée pour autoriser votre présence en France entre le ${from} et le ${to}.`,
    "Cette attestation n'est valable qu'accompagnée du titre précédemment détenu même s'il est arrivé à expiration.",
    "Ce document justifie le maintien de l'ensemble des droits ouverts en raison du titre de séjour précédemment détenu. Si ce titre permettait d'exercer une activité professionnelle, celle-ci peut se poursuivre pendant la durée de validité de cette attestation. Elle ne permet pas l'ouverture de droits nouveaux.",
    "Ce document autorise le franchissement des frontières de l'espace Schengen.",
  ];
}

export function favorableText(applicationNumber: string, holder: Holder, today: IsoDate): string[] {
  // The card of the « victime de la traite » procedure: one year from the next day, no tax.
  const card = cardValidity(today, 12);
  return [
    ...STATE,
    'ATTESTATION DE DÉCISION FAVORABLE',
    'SUR UNE PREMIÈRE DEMANDE DE TITRE DE SÉJOUR',
    ...references(applicationNumber, holder),
    `DATE D'ÉMISSION : ${formatFrenchDate(today)}`,
    ...identity(holder),
    `Le ${formatFrenchDate(today)}, une décision favorable a été prise à la suite de votre demande d'admission au séjour.`,
    `Une carte de séjour temporaire, valable du ${formatFrenchDate(card.validFrom)} au ${formatFrenchDate(card.validTo)} portant la mention Vie privée et familiale va vous être délivré(e). Ce document est actuellement en cours de fabrication.`,
    "Cette attestation n'est valable qu'accompagnée du visa de long séjour ou du titre précédemment détenu.",
    "Ce document autorise le franchissement des frontières de l'espace Schengen.",
    'Vous serez prochainement informé(e) de la réception en préfecture ou sous-préfecture de votre titre et des démarches à faire pour venir le retirer. Vous devrez à cette occasion vous acquitter de 0 € correspondant au montant des taxes que vous réglerez par timbre électronique acheté au préalable en ligne, dans un bureau de tabac ou sur les bornes installées dans certains services fiscaux.',
  ];
}

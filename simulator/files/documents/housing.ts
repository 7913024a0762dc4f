import { addDays, addMonthsClamped, type IsoDate } from '../../../shared/dates/calendar-date';
import { formatFrenchDate } from '../../../shared/dates/format';
import { born, civility, type Person } from '../../dossier/people';
import { cityLine, streetLine, type Address } from '../../dossier/places';
import type { Rng } from '../../random';
import { A4, GREY, INK, PageBuilder, STAMP_BLUE, type Rgb } from '../page';
import {
  euros,
  fictionMention,
  frenchLetterhead,
  longDate,
  monthYear,
  paragraphs,
  signature,
  signOff,
  stamp,
  title,
  type DocumentSpec,
} from './common';

type Holder = Pick<Person, 'sex' | 'firstNames' | 'familyName'>;

function addressBlock(
  page: PageBuilder,
  x: number,
  y: number,
  holder: Holder,
  address: Address,
): number {
  const lines = [
    civility(holder).toUpperCase(),
    ...(address.complement ? [address.complement] : []),
    streetLine(address),
    cityLine(address),
  ];
  lines.forEach((line, index) =>
    page.text(x, y + index * 4.6, line, { size: 10, font: index === 0 ? 'sansBold' : 'sans' }),
  );
  return y + lines.length * 4.6;
}

const SUPPLIERS = {
  electricity: {
    name: 'ÉNERGIE EXEMPLE',
    activity: "Fourniture d'électricité",
    unit: 'kWh',
    colour: [0, 102, 153] as Rgb,
  },
  gas: {
    name: 'GAZ FICTIF DE FRANCE',
    activity: 'Fourniture de gaz naturel',
    unit: 'kWh',
    colour: [0, 130, 90] as Rgb,
  },
  internet: {
    name: 'TÉLÉCOM SPÉCIMEN',
    activity: 'Box internet et téléphone fixe',
    unit: 'forfait',
    colour: [200, 80, 0] as Rgb,
  },
};

/** An energy or internet bill of the last two months, as downloaded from the supplier's site. */
export function utilityBill(
  holder: Holder,
  address: Address,
  kind: keyof typeof SUPPLIERS,
  asOf: IsoDate,
  rng: Rng,
  name = kind === 'internet'
    ? 'facture-internet'
    : kind === 'gas'
      ? 'facture-gaz'
      : 'facture-electricite',
): DocumentSpec {
  const supplier = SUPPLIERS[kind];
  const issuedOn = addDays(asOf, -rng.int(5, 55));
  const page = new PageBuilder(A4.width, A4.height, [255, 255, 255]);
  page.rect(0, 0, page.width, 30, { fill: supplier.colour });
  page.text(18, 16, supplier.name, { size: 18, font: 'sansBold', colour: [255, 255, 255] });
  page.text(18, 23, supplier.activity, { size: 9, colour: [235, 240, 245] });
  page.text(192, 16, 'FACTURE', {
    size: 14,
    font: 'sansBold',
    colour: [255, 255, 255],
    align: 'right',
  });
  page.text(192, 23, `du ${formatFrenchDate(issuedOn)}`, {
    size: 9,
    colour: [235, 240, 245],
    align: 'right',
  });
  addressBlock(page, 112, 48, holder, address);
  let y = 48;
  y = page.field(18, y, 'N° client', `${rng.int(100000000, 999999999)}`, { size: 9 });
  y = page.field(18, y, 'N° de facture', `${issuedOn.slice(0, 4)}${rng.int(10000000, 99999999)}`, {
    size: 9,
  });
  y = page.field(18, y, 'Lieu de consommation', `${streetLine(address)}, ${cityLine(address)}`, {
    size: 9,
  });
  page.field(
    18,
    y,
    'Période',
    `du ${formatFrenchDate(addMonthsClamped(issuedOn, -2))} au ${formatFrenchDate(addDays(issuedOn, -3))}`,
    { size: 9 },
  );
  y = 92;
  page.rect(18, y, 174, 8, { fill: [236, 240, 244] });
  ['Désignation', 'Quantité', 'Prix unitaire HT', 'Montant HT'].forEach((label, index) =>
    page.text([21, 100, 130, 189][index] ?? 21, y + 5.5, label, {
      size: 8.5,
      font: 'sansBold',
      align: index === 3 ? 'right' : 'left',
    }),
  );
  const lines =
    kind === 'internet'
      ? [
          ['Abonnement box (mensuel)', '2', 29.99],
          ['Option TV', '2', 5],
          ['Communications hors forfait', '1', rng.int(0, 800) / 100],
        ]
      : [
          ['Abonnement', '2 mois', rng.int(1800, 2600) / 100],
          [`Consommation (${supplier.unit})`, String(rng.int(280, 900)), 0],
          ['Contribution au service public', '1', rng.int(500, 2000) / 100],
          ['Taxes et acheminement', '1', rng.int(1500, 4000) / 100],
        ];
  let total = 0;
  lines.forEach(([label, quantity, price], index) => {
    const amount = typeof price === 'number' && price > 0 ? price : Number(quantity) * 0.2276;
    total += amount;
    const rowY = y + 14 + index * 7;
    page.text(21, rowY, String(label), { size: 9 });
    page.text(100, rowY, String(quantity), { size: 9 });
    page.text(130, rowY, price ? euros(Number(price)) : '0,2276 €', { size: 9 });
    page.text(189, rowY, euros(amount), { size: 9, align: 'right' });
  });
  y += 14 + lines.length * 7 + 4;
  page.line(18, y, 192, y, INK, 0.3);
  page.text(130, y + 7, 'Total TTC', { size: 11, font: 'sansBold' });
  page.text(189, y + 7, euros(total * 1.2), { size: 11, font: 'sansBold', align: 'right' });
  page.text(
    18,
    y + 20,
    `Montant prélevé le ${formatFrenchDate(addDays(issuedOn, 12))} sur le compte FR76 •••• •••• ${rng.int(1000, 9999)}.`,
    { size: 9, colour: GREY },
  );
  paragraphs(
    page,
    y + 34,
    [
      `${supplier.name} — société fictive du simulateur, capital de 1 000 000 €. Service clients : 09 77 42 ${String(rng.int(10, 99))} ${String(rng.int(10, 99))} (numéro fictif).`,
    ],
    8,
    'sans',
  );
  fictionMention(page);
  const pages = [page.build()];
  if (rng.chance(0.4)) {
    const detail = new PageBuilder(A4.width, A4.height, [255, 255, 255]);
    detail.text(18, 20, `${supplier.name} — détail de votre facture`, {
      size: 12,
      font: 'sansBold',
      colour: supplier.colour,
    });
    let dy = 34;
    for (let month = 6; month >= 1; month -= 1) {
      const value = rng.int(120, 480);
      detail.text(18, dy + 4, monthYear(addMonthsClamped(issuedOn, -month)), { size: 9 });
      detail.rect(60, dy, value / 4, 5, { fill: supplier.colour, opacity: 0.7 });
      detail.text(
        64 + value / 4,
        dy + 4,
        `${value} ${supplier.unit === 'forfait' ? 'Go' : 'kWh'}`,
        { size: 8, colour: GREY },
      );
      dy += 9;
    }
    paragraphs(
      detail,
      dy + 10,
      [
        'Comment nous contacter : par internet sur votre espace client, ou par courrier au service clients. En cas de litige, vous pouvez saisir le médiateur national de l’énergie.',
      ],
      9,
      'sans',
    );
    fictionMention(detail);
    pages.push(detail.build());
  }
  return { name, pages, digital: true, focus: null };
}

/** A tax notice (taxe foncière) in the host's name: proof of address when the card's is outdated. */
export function taxNotice(holder: Holder, address: Address, asOf: IsoDate, rng: Rng): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height, [255, 255, 255]);
  frenchLetterhead(page, [
    'DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES',
    `Centre des finances publiques de ${address.commune.city}`,
  ]);
  page.text(
    192,
    22,
    `AVIS D'IMPÔT ${Number(asOf.slice(0, 4)) - (asOf.slice(5, 7) < '09' ? 1 : 0)}`,
    { size: 12, font: 'sansBold', align: 'right' },
  );
  page.text(192, 28, 'TAXE FONCIÈRE', { size: 10, align: 'right' });
  addressBlock(page, 112, 52, holder, address);
  let y = 80;
  y = page.field(
    18,
    y,
    'Numéro fiscal',
    `${rng.int(10, 39)} ${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(100, 999)}`,
    { size: 9 },
  );
  y = page.field(
    18,
    y,
    'Référence de l’avis',
    `${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(1000000, 9999999)} ${rng.int(10, 99)}`,
    { size: 9 },
  );
  y = page.field(18, y, 'Adresse du bien', `${streetLine(address)} ${cityLine(address)}`, {
    size: 9,
  });
  page.rect(18, y + 4, 174, 22, { fill: [240, 243, 248], stroke: [180, 190, 200] });
  page.text(24, y + 13, 'Montant à payer', { size: 10 });
  page.text(186, y + 13, euros(rng.int(60000, 180000) / 100), {
    size: 14,
    font: 'sansBold',
    align: 'right',
  });
  page.text(24, y + 21, `Date limite de paiement : 15/10/${asOf.slice(0, 4)}`, {
    size: 9,
    colour: GREY,
  });
  fictionMention(page);
  return { name: 'avis-taxe-fonciere', pages: [page.build()], digital: true, focus: null };
}

/** « Contrat de location » of an empty flat (loi du 6 juillet 1989), three pages, signed by both. */
export function lease(
  tenant: Person,
  landlord: Person,
  address: Address,
  rent: number,
  since: IsoDate,
  rng: Rng,
): DocumentSpec {
  const agency = rng.chance(0.5) ? 'Agence immobilière Maquette & Fils' : null;
  const pages: PageBuilder[] = [];
  const first = new PageBuilder(A4.width, A4.height);
  const y = title(first, 24, 'CONTRAT DE LOCATION', 15);
  first.text(first.width / 2, y - 5, 'Logement nu — loi n° 89-462 du 6 juillet 1989', {
    size: 9,
    align: 'center',
    colour: GREY,
  });
  paragraphs(first, y + 4, [
    `ENTRE LES SOUSSIGNÉS : ${civility(landlord)}, ${born(landlord)} le ${longDate(landlord.birthDate)}, demeurant ${rng.int(1, 80)} rue des Propriétaires-Fictifs, ci-après dénommé(e) « le bailleur »${agency ? `, représenté(e) par ${agency}` : ''},`,
    `ET : ${civility(tenant)}, ${born(tenant)} le ${longDate(tenant.birthDate)} à ${tenant.birthPlace}, ci-après dénommé(e) « le locataire ».`,
    'I. OBJET DU CONTRAT — Le présent contrat a pour objet la location d’un logement ainsi déterminé :',
    `Adresse : ${streetLine(address)}${address.complement ? `, ${address.complement}` : ''}, ${cityLine(address)}. Type : appartement de ${rng.int(1, 3)} pièce(s) principale(s), surface habitable ${rng.int(18, 55)} m². Chauffage individuel électrique. Eau chaude individuelle.`,
    `II. DATE DE PRISE D'EFFET ET DURÉE — Le contrat prend effet le ${longDate(since)} pour une durée de trois ans, renouvelable par tacite reconduction.`,
  ]);
  fictionMention(first);
  pages.push(first);
  const second = new PageBuilder(A4.width, A4.height);
  paragraphs(second, 24, [
    `III. CONDITIONS FINANCIÈRES — Le loyer mensuel est fixé à ${euros(rent)} hors charges, payable d’avance le 5 de chaque mois. Provision sur charges : ${euros(rng.int(3, 9) * 10)} par mois, régularisée annuellement.`,
    `Dépôt de garantie : ${euros(rent)}, soit un mois de loyer hors charges.`,
    'IV. TRAVAUX — Le locataire ne peut transformer les locaux sans l’accord écrit du bailleur.',
    'V. GARANTIES — Néant.',
    'VI. CLAUSE RÉSOLUTOIRE — Le contrat sera résilié de plein droit deux mois après un commandement de payer demeuré infructueux, à défaut de paiement du loyer ou des charges, ou du dépôt de garantie.',
    'VII. ANNEXES — Diagnostic de performance énergétique, état des lieux d’entrée, notice d’information, règlement de copropriété (extraits).',
  ]);
  fictionMention(second);
  pages.push(second);
  const third = new PageBuilder(A4.width, A4.height);
  const y2 = paragraphs(third, 24, [
    'VIII. SIGNATURES — Le présent contrat est établi en autant d’originaux que de parties. Chacune reconnaît avoir reçu le sien.',
  ]);
  third.text(
    22,
    y2 + 6,
    `Fait à ${address.commune.city}, le ${longDate(addDays(since, -rng.int(1, 20)))}`,
    { size: 10.5, font: 'serif' },
  );
  third.text(30, y2 + 18, 'Le bailleur', { size: 10 });
  third.text(30, y2 + 23, '« Lu et approuvé »', { size: 9, font: 'serif', colour: [30, 45, 120] });
  signature(third, 30, y2 + 26, rng);
  third.text(120, y2 + 18, 'Le locataire', { size: 10 });
  third.text(120, y2 + 23, '« Lu et approuvé »', { size: 9, font: 'serif', colour: [30, 45, 120] });
  signature(third, 120, y2 + 26, rng);
  if (agency) stamp(third, 75, y2 + 62, ['AGENCE', 'MAQUETTE', 'IMMOBILIER'], STAMP_BLUE, rng);
  fictionMention(third);
  pages.push(third);
  return { name: 'bail', pages: pages.map((page) => page.build()), digital: false, focus: null };
}

/** « Quittance de loyer » for a past month. */
export function rentReceipt(
  tenant: Person,
  landlord: Person,
  address: Address,
  rent: number,
  month: IsoDate,
  rng: Rng,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height);
  page.text(22, 22, civility(landlord), { size: 10, font: 'sansBold' });
  page.text(22, 27, `${rng.int(1, 80)} rue des Propriétaires-Fictifs`, { size: 10 });
  page.text(22, 32, cityLine(address), { size: 10 });
  addressBlock(page, 115, 46, tenant, address);
  let y = title(page, 78, `QUITTANCE DE LOYER — ${monthYear(month).toUpperCase()}`, 13);
  const charges = rng.int(3, 9) * 10;
  y = paragraphs(page, y, [
    `Je soussigné(e) ${civility(landlord)}, propriétaire du logement situé ${streetLine(address)}, ${cityLine(address)}, déclare avoir reçu de ${civility(tenant)}, locataire, la somme de ${euros(rent + charges)} au titre du paiement du loyer et des charges pour la période de location du 1er au dernier jour du mois de ${monthYear(month)}, et lui en donne quittance, sous réserve de tous mes droits.`,
  ]);
  page.rect(22, y, 120, 26, { stroke: INK, lineWidth: 0.25 });
  page.text(26, y + 7, `Loyer : ${euros(rent)}`, { size: 10 });
  page.text(26, y + 14, `Provision pour charges : ${euros(charges)}`, { size: 10 });
  page.text(26, y + 21, `Total : ${euros(rent + charges)}`, { size: 10, font: 'sansBold' });
  signOff(
    page,
    y + 40,
    address.commune.city,
    addDays(addMonthsClamped(month, 1), rng.int(0, 8)),
    ['Le bailleur'],
    rng,
  );
  fictionMention(page);
  return {
    name: `quittance-loyer-${month.slice(0, 7)}`,
    pages: [page.build()],
    digital: false,
    focus: null,
  };
}

/** The hotelier's attestation that the applicant lives at the hotel, with its stamp. */
export function hotelAttestation(
  guest: Person,
  hotel: string,
  manager: Person,
  address: Address,
  since: IsoDate,
  asOf: IsoDate,
  rng: Rng,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height);
  page.text(22, 22, hotel.toUpperCase(), { size: 14, font: 'serifBold' });
  page.text(22, 28, `${streetLine(address)} — ${cityLine(address)}`, { size: 9, colour: GREY });
  page.text(
    22,
    33,
    `SIRET ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(10000, 99999)} (fictif)`,
    { size: 8, colour: GREY },
  );
  let y = title(page, 58, "ATTESTATION D'HÉBERGEMENT", 13);
  y = paragraphs(page, y, [
    `Je soussigné(e) ${civility(manager)}, gérant(e) de l'établissement ${hotel}, situé ${streetLine(address)}, ${cityLine(address)}, atteste que ${civility(guest)}, ${born(guest)} le ${longDate(guest.birthDate)}, est hébergé(e) dans notre établissement, chambre ${address.complement?.replace(/.*chambre /, '') ?? ''}, depuis le ${longDate(since)}, et y réside à la date de la présente attestation.`,
    'Attestation établie à la demande de l’intéressé(e) pour servir et valoir ce que de droit.',
  ]);
  signOff(
    page,
    y + 8,
    address.commune.city,
    addDays(asOf, -rng.int(2, 40)),
    [civility(manager), 'Gérant(e)'],
    rng,
    {
      lines: [
        'HÔTEL',
        hotel.replace(/^Hôtel |^Résidence hôtelière /, '').toUpperCase(),
        address.commune.city.toUpperCase(),
      ],
      colour: STAMP_BLUE,
    },
  );
  fictionMention(page);
  return { name: 'attestation-hotel', pages: [page.build()], digital: false, focus: null };
}

/** The hotel's bill for the last month (the nights, paid by the guest or by the 115). */
export function hotelBill(
  guest: Person,
  hotel: string,
  address: Address,
  nightly: number,
  asOf: IsoDate,
  rng: Rng,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height, [255, 255, 255]);
  const monthStart = addMonthsClamped(asOf, -1).slice(0, 8) + '01';
  const nights = Number(addDays(addMonthsClamped(monthStart, 1), -1).slice(8, 10));
  page.text(18, 20, hotel.toUpperCase(), { size: 14, font: 'serifBold' });
  page.text(18, 26, `${streetLine(address)} — ${cityLine(address)}`, { size: 9, colour: GREY });
  page.text(192, 20, `FACTURE N° ${asOf.slice(0, 4)}-${rng.int(1000, 9999)}`, {
    size: 11,
    font: 'sansBold',
    align: 'right',
  });
  page.text(
    192,
    26,
    `Date : ${formatFrenchDate(addDays(addMonthsClamped(monthStart, 1), rng.int(0, 4)))}`,
    { size: 9, align: 'right' },
  );
  addressBlock(page, 112, 42, guest, address);
  let y = 72;
  page.rect(18, y, 174, 8, { fill: [238, 236, 230] });
  ['Prestation', 'Nuits', 'Prix', 'Total'].forEach((label, index) =>
    page.text([21, 110, 140, 189][index] ?? 21, y + 5.5, label, {
      size: 9,
      font: 'sansBold',
      align: index === 3 ? 'right' : 'left',
    }),
  );
  y += 15;
  page.text(
    21,
    y,
    `Chambre ${address.complement?.replace(/.*chambre /, '') ?? ''} du ${formatFrenchDate(monthStart)} au ${formatFrenchDate(addDays(monthStart, nights))}`,
    { size: 9 },
  );
  page.text(110, y, String(nights), { size: 9 });
  page.text(140, y, euros(nightly), { size: 9 });
  page.text(189, y, euros(nightly * nights), { size: 9, align: 'right' });
  page.text(21, y + 7, 'Taxe de séjour', { size: 9 });
  page.text(189, y + 7, euros(nights * 0.8), { size: 9, align: 'right' });
  page.line(18, y + 12, 192, y + 12, INK, 0.3);
  page.text(140, y + 19, 'TOTAL TTC', { size: 10, font: 'sansBold' });
  page.text(189, y + 19, euros(nightly * nights + nights * 0.8), {
    size: 10,
    font: 'sansBold',
    align: 'right',
  });
  page.text(
    21,
    y + 32,
    rng.chance(0.6)
      ? 'Réglée par le SIAO (115) — prise en charge hôtelière.'
      : 'Acquittée — paiement en espèces.',
    { size: 9, font: 'serif' },
  );
  fictionMention(page);
  return { name: 'facture-hotel', pages: [page.build()], digital: rng.chance(0.5), focus: null };
}

/** « Attestation d'hébergement » written, dated and signed by the host. */
export function hostAttestation(
  guest: Person,
  host: Person,
  address: Address,
  since: IsoDate,
  asOf: IsoDate,
  rng: Rng,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height, [252, 252, 250]);
  const ink: Rgb = rng.chance(0.6) ? [30, 45, 120] : [25, 25, 30];
  page.text(page.width / 2, 40, "ATTESTATION D'HÉBERGEMENT", {
    size: 15,
    font: 'serifBold',
    align: 'center',
    colour: ink,
  });
  let y = 62;
  for (const text of [
    `Je soussigné(e) ${civility(host)}, ${born(host)} le ${formatFrenchDate(host.birthDate)} à ${host.birthPlace}, demeurant ${streetLine(address)}, ${cityLine(address)},`,
    `certifie sur l'honneur héberger à mon domicile ${civility(guest)}, ${born(guest)} le ${formatFrenchDate(guest.birthDate)} à ${guest.birthPlace} (${guest.birthCountry}), depuis le ${formatFrenchDate(since)}.`,
    'Je joins la copie de ma pièce d’identité et un justificatif de domicile.',
    'Je suis informé(e) que l’auteur d’une fausse attestation encourt les sanctions prévues à l’article 441-7 du code pénal.',
  ]) {
    y = page.paragraph(24, y, 162, text, { size: 12, font: 'serif', colour: ink }) + 5;
  }
  page.text(
    110,
    y + 10,
    `Fait à ${address.commune.city}, le ${formatFrenchDate(addDays(asOf, -rng.int(1, 30)))}`,
    { size: 12, font: 'serif', colour: ink },
  );
  signature(page, 115, y + 15, rng, { width: 50, height: 18 }, ink);
  fictionMention(page);
  return { name: 'attestation-hebergement', pages: [page.build()], digital: false, focus: null };
}

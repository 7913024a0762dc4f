import { addDays, addMonthsClamped, type IsoDate } from '../../../shared/dates/calendar-date';
import { formatFrenchDate } from '../../../shared/dates/format';
import type { Country } from '../../dossier/countries';
import { born, civility, type Person } from '../../dossier/people';
import type { Rng } from '../../random';
import { printable } from '../bitmap-font';
import { A4, GREY, PageBuilder, STAMP_BLUE, STAMP_VIOLET, type Rgb } from '../page';
import {
  fictionMention,
  longDate,
  paragraphs,
  signature,
  signOff,
  title,
  type DocumentSpec,
} from './common';

/** ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, « < » as 0. */
export function checkDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  [...field].forEach((char, index) => {
    const value = /\d/.test(char) ? Number(char) : /[A-Z]/.test(char) ? char.charCodeAt(0) - 55 : 0;
    sum += value * (weights[index % 3] ?? 1);
  });
  return String(sum % 10);
}

function mrzName(text: string): string {
  return printable(text).replace(/[^A-Z]+/g, '<');
}

const yymmdd = (date: IsoDate) => date.slice(2).replace(/-/g, '');

/** The two 44-character lines of a passport (TD3). */
export function passportMrz(
  person: Pick<Person, 'familyName' | 'firstNames' | 'sex' | 'birthDate'>,
  country: string,
  number: string,
  expiresOn: IsoDate,
): [string, string] {
  const names = `${mrzName(person.familyName)}<<${mrzName(person.firstNames)}`;
  const line1 = `P<${country}${names}`.padEnd(44, '<').slice(0, 44);
  const documentNumber = number.padEnd(9, '<').slice(0, 9);
  const birth = yymmdd(person.birthDate);
  const expiry = yymmdd(expiresOn);
  const personal = '<'.repeat(14);
  const parts = [
    documentNumber + checkDigit(documentNumber),
    birth + checkDigit(birth),
    expiry + checkDigit(expiry),
    personal + checkDigit(personal),
  ];
  const composite = checkDigit(`${parts[0]}${parts[1]}${parts[2]}${parts[3]}`);
  const line2 = `${parts[0]}${country}${parts[1]}${person.sex === 'female' ? 'F' : 'M'}${parts[2]}${parts[3]}${composite}`;
  return [line1, line2];
}

/** The three 30-character lines of an identity card (TD1). */
export function cardMrz(
  person: Pick<Person, 'familyName' | 'firstNames' | 'sex' | 'birthDate'>,
  country: string,
  number: string,
  expiresOn: IsoDate,
): [string, string, string] {
  const documentNumber = number.padEnd(9, '<').slice(0, 9);
  const line1 = `ID${country}${documentNumber}${checkDigit(documentNumber)}`.padEnd(30, '<');
  const birth = yymmdd(person.birthDate);
  const expiry = yymmdd(expiresOn);
  const body = `${birth}${checkDigit(birth)}${person.sex === 'female' ? 'F' : 'M'}${expiry}${checkDigit(expiry)}${country}`;
  const line2 = `${body.padEnd(29, '<')}${checkDigit(`${line1.slice(5, 30)}${body}`)}`;
  const line3 = `${mrzName(person.familyName)}<<${mrzName(person.firstNames)}`
    .padEnd(30, '<')
    .slice(0, 30);
  return [line1, line2, line3];
}

function securityPattern(
  page: PageBuilder,
  x: number,
  y: number,
  width: number,
  height: number,
  tint: Rgb,
): void {
  const line: Rgb = [
    Math.max(0, tint[0] - 40),
    Math.max(0, tint[1] - 40),
    Math.max(0, tint[2] - 40),
  ];
  page.rect(x, y, width, height, { fill: tint, stroke: [150, 150, 150], lineWidth: 0.3 });
  for (let ring = 1; ring <= 6; ring += 1)
    page.ellipse(x + width * 0.62, y + height * 0.48, ring * width * 0.055, ring * height * 0.07, {
      stroke: line,
      lineWidth: 0.15,
      opacity: 0.6,
    });
}

function photo(
  page: PageBuilder,
  x: number,
  y: number,
  width: number,
  height: number,
  rng: Rng,
): void {
  const skinTones: Rgb[] = [
    [141, 85, 56],
    [198, 134, 96],
    [224, 172, 128],
    [110, 68, 45],
    [232, 190, 160],
  ];
  page.add({
    kind: 'photo',
    x,
    y,
    width,
    height,
    background: [226, 228, 232],
    skin: rng.pick(skinTones),
    hair: rng.pick<Rgb>([
      [30, 24, 20],
      [58, 40, 28],
      [20, 20, 22],
    ]),
    clothes: rng.pick<Rgb>([
      [60, 70, 100],
      [90, 40, 50],
      [40, 40, 40],
      [120, 120, 130],
    ]),
  });
}

function specimen(page: PageBuilder, x: number, y: number): void {
  page.text(x, y, 'SPECIMEN', {
    size: 26,
    font: 'sansBold',
    colour: [200, 30, 40],
    angle: 22,
    opacity: 0.3,
  });
}

function cardField(
  page: PageBuilder,
  x: number,
  y: number,
  label: string,
  value: string,
  size = 6.5,
): void {
  page.text(x, y, label, { size: size - 1.5, colour: GREY });
  page.text(x, y + 3.2, value, { size, font: 'sansBold' });
}

export type PassportFacts = { number: string; issuedOn: IsoDate; expiresOn: IsoDate };

/**
 * The passport's data page as laid on a scanner (ID-3 format, 125 × 88 mm) with its MRZ, and, for
 * some, the page with the visa and the entry stamp.
 */
export function passport(
  person: Person,
  country: Country,
  facts: PassportFacts,
  entryDate: IsoDate,
  rng: Rng,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height);
  const [x, y, width, height] = [18, 18, 125, 88];
  securityPattern(page, x, y, width, height, country.passportTint);
  page.text(x + width / 2, y + 6, country.state, { size: 7.5, font: 'sansBold', align: 'center' });
  page.text(x + width / 2, y + 10.5, 'PASSEPORT / PASSPORT', {
    size: 7,
    align: 'center',
    colour: GREY,
  });
  photo(page, x + 5, y + 15, 31, 40, rng);
  const left = x + 41;
  cardField(page, left, y + 16, 'Type', 'P');
  cardField(page, left + 14, y + 16, 'Code', country.code);
  cardField(page, left + 34, y + 16, 'Passeport n° / Passport No.', facts.number);
  cardField(page, left, y + 25, 'Nom / Surname', printable(person.familyName));
  cardField(page, left, y + 34, 'Prénoms / Given names', printable(person.firstNames));
  cardField(page, left, y + 43, 'Nationalité / Nationality', country.name);
  cardField(page, left + 48, y + 43, 'Sexe / Sex', person.sex === 'female' ? 'F' : 'M');
  cardField(
    page,
    left,
    y + 52,
    'Date de naissance / Date of birth',
    formatFrenchDate(person.birthDate),
  );
  cardField(page, left + 48, y + 52, 'Lieu de naissance / Place of birth', person.birthPlace);
  cardField(page, left, y + 61, 'Délivré le / Date of issue', formatFrenchDate(facts.issuedOn));
  cardField(
    page,
    left + 48,
    y + 61,
    'Expire le / Date of expiry',
    formatFrenchDate(facts.expiresOn),
  );
  signature(page, x + 6, y + 57, rng, { width: 26, height: 9 });
  const [line1, line2] = passportMrz(person, country.code, facts.number, facts.expiresOn);
  page.rect(x + 2, y + 71, width - 4, 15, { fill: [246, 246, 240] });
  page.text(x + 4, y + 77, line1, { size: 8.6, font: 'mono' });
  page.text(x + 4, y + 83, line2, { size: 8.6, font: 'mono' });
  specimen(page, x + 40, y + 60);
  fictionMention(page);
  const pages = [page.build()];

  if (rng.chance(0.5)) {
    const visa = new PageBuilder(A4.width, A4.height);
    visa.rect(x, y, width, height, { fill: country.passportTint, stroke: [150, 150, 150] });
    visa.rect(x + 6, y + 8, 80, 55, {
      fill: [236, 232, 214],
      stroke: [120, 120, 120],
      lineWidth: 0.2,
    });
    visa.text(x + 10, y + 15, 'VISA', { size: 11, font: 'sansBold', colour: [20, 60, 120] });
    visa.text(x + 30, y + 15, 'ÉTATS SCHENGEN', {
      size: 8,
      font: 'sansBold',
      colour: [20, 60, 120],
    });
    cardField(visa, x + 10, y + 22, 'Valable pour / Valid for', 'ÉTATS SCHENGEN');
    cardField(
      visa,
      x + 10,
      y + 31,
      'Du / From',
      formatFrenchDate(addDays(entryDate, -rng.int(5, 40))),
    );
    cardField(
      visa,
      x + 45,
      y + 31,
      'Au / Until',
      formatFrenchDate(addDays(entryDate, rng.int(20, 80))),
    );
    cardField(visa, x + 10, y + 40, 'Type de visa / Type of visa', 'C');
    cardField(visa, x + 45, y + 40, 'Nombre d’entrées', '1');
    cardField(
      visa,
      x + 10,
      y + 49,
      'Nom, prénom / Name',
      printable(`${person.familyName} ${person.firstNames}`),
    );
    visa.add({
      kind: 'stamp',
      cx: x + 104,
      cy: y + 48,
      radius: 13,
      colour: STAMP_VIOLET,
      lines: ['ENTRÉE', formatFrenchDate(entryDate), 'PAF'],
      angle: rng.float(-25, 25),
    });
    specimen(visa, x + 30, y + 75);
    fictionMention(visa);
    pages.push(visa.build());
  }
  return {
    name: 'passeport',
    pages,
    digital: false,
    focus: { x: x - 6, y: y - 6, width: width + 12, height: height + 12 },
  };
}

type CardKind = {
  title: string;
  subtitle: string;
  issuer: string;
  tint: Rgb;
  /** Three letters for the MRZ. */
  code: string;
};

/**
 * An identity card, front and back on one sheet (ID-1 format, 85.6 × 54 mm): the applicant's
 * national card, a consular card, the host's French card or residence permit, the parent's card.
 */
function identityCard(
  person: Person,
  kind: CardKind,
  facts: { number: string; issuedOn: IsoDate; expiresOn: IsoDate; address: string },
  rng: Rng,
  name: string,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height);
  const [x, y, width, height] = [25, 22, 85.6, 54];
  securityPattern(page, x, y, width, height, kind.tint);
  page.text(x + width / 2, y + 5, kind.issuer, { size: 5.5, font: 'sansBold', align: 'center' });
  page.text(x + width / 2, y + 9, kind.title, { size: 6.5, font: 'sansBold', align: 'center' });
  page.text(x + width / 2, y + 12, kind.subtitle, { size: 4.5, align: 'center', colour: GREY });
  photo(page, x + 3, y + 15, 24, 31, rng);
  cardField(page, x + 30, y + 17, 'Nom / Surname', printable(person.familyName), 6);
  cardField(page, x + 30, y + 24, 'Prénoms / Given names', printable(person.firstNames), 6);
  cardField(page, x + 30, y + 31, 'Sexe', person.sex === 'female' ? 'F' : 'M', 6);
  cardField(page, x + 42, y + 31, 'Nationalité', printable(person.nationality), 6);
  cardField(
    page,
    x + 30,
    y + 38,
    'Né(e) le / Date of birth',
    formatFrenchDate(person.birthDate),
    6,
  );
  cardField(page, x + 58, y + 38, 'N° du document', facts.number, 6);
  signature(page, x + 30, y + 45, rng, { width: 22, height: 7 });
  specimen(page, x + 20, y + 42);

  const back = y + height + 12;
  securityPattern(page, x, back, width, height, kind.tint);
  cardField(page, x + 5, back + 7, 'Adresse / Address', facts.address, 6);
  cardField(
    page,
    x + 5,
    back + 15,
    'Lieu de naissance / Place of birth',
    printable(person.birthPlace),
    6,
  );
  cardField(
    page,
    x + 5,
    back + 23,
    'Délivrée le / Date of issue',
    formatFrenchDate(facts.issuedOn),
    6,
  );
  cardField(
    page,
    x + 45,
    back + 23,
    "Valable jusqu'au / Expiry",
    formatFrenchDate(facts.expiresOn),
    6,
  );
  const mrz = cardMrz(person, kind.code, facts.number, facts.expiresOn);
  page.rect(x + 2, back + 33, width - 4, 19, { fill: [246, 246, 240] });
  mrz.forEach((line, index) =>
    page.text(x + 4, back + 38.5 + index * 5.5, line, { size: 7.6, font: 'mono' }),
  );
  fictionMention(page);
  return {
    name,
    pages: [page.build()],
    digital: false,
    focus: { x: x - 8, y: y - 8, width: width + 16, height: 2 * height + 28 },
  };
}

export function nationalCard(
  person: Person,
  country: Country,
  facts: PassportFacts,
  address: string,
  rng: Rng,
) {
  return identityCard(
    person,
    {
      title: "CARTE NATIONALE D'IDENTITÉ",
      subtitle: 'NATIONAL IDENTITY CARD',
      issuer: country.state,
      tint: country.passportTint,
      code: country.code,
    },
    { number: facts.number, issuedOn: facts.issuedOn, expiresOn: facts.expiresOn, address },
    rng,
    'carte-identite',
  );
}

export function consularCard(
  person: Person,
  country: Country,
  facts: PassportFacts,
  address: string,
  rng: Rng,
) {
  return identityCard(
    person,
    {
      title: 'CARTE CONSULAIRE',
      subtitle: `CONSULAT DE ${country.name} À PARIS`,
      issuer: country.state,
      tint: [236, 236, 220],
      code: country.code,
    },
    {
      number: facts.number,
      issuedOn: facts.issuedOn,
      expiresOn: addMonthsClamped(facts.issuedOn, 36),
      address,
    },
    rng,
    'carte-consulaire',
  );
}

/** The host's card: French identity card or, for a foreign host, a resident card. */
export function hostCard(
  host: Person,
  document: 'idCard' | 'residencePermit',
  address: string,
  rng: Rng,
  asOf: IsoDate,
) {
  const issuedOn = addMonthsClamped(asOf, -rng.int(12, 90));
  const number = `${rng.int(10, 99)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(10000, 99999)}`;
  const french = document === 'idCard';
  return identityCard(
    french ? host : { ...host, nationality: 'MAROCAINE' },
    french
      ? {
          title: "CARTE NATIONALE D'IDENTITÉ",
          subtitle: 'IDENTITY CARD',
          issuer: 'RÉPUBLIQUE FRANÇAISE',
          tint: [220, 230, 242],
          code: 'FRA',
        }
      : {
          title: 'TITRE DE SÉJOUR',
          subtitle: 'CARTE DE RÉSIDENT — RESIDENCE PERMIT',
          issuer: 'RÉPUBLIQUE FRANÇAISE',
          tint: [232, 226, 242],
          code: 'FRA',
        },
    { number, issuedOn, expiresOn: addDays(addMonthsClamped(issuedOn, 120), -1), address },
    rng,
    french ? 'cni-hebergeant' : 'titre-sejour-hebergeant',
  );
}

/** A certificate of nationality from the country's consulate in Paris, less than six months old. */
export function nationalityCertificate(
  person: Person,
  country: Country,
  parents: string,
  asOf: IsoDate,
  rng: Rng,
): DocumentSpec {
  const page = new PageBuilder(A4.width, A4.height);
  page.text(page.width / 2, 22, country.state, { size: 11, font: 'serifBold', align: 'center' });
  page.text(page.width / 2, 28, `AMBASSADE EN FRANCE — SECTION CONSULAIRE`, {
    size: 9,
    align: 'center',
  });
  page.text(page.width / 2, 33, `Paris`, { size: 9, align: 'center', colour: GREY });
  let y = title(page, 55, 'CERTIFICAT DE NATIONALITÉ');
  const issuedOn = addDays(asOf, -rng.int(10, 150));
  y = paragraphs(page, y, [
    `Le Consul soussigné certifie que ${civility(person)}, ${born(person)} le ${longDate(person.birthDate)} à ${person.birthPlace} (${country.name}), ${parents}, est de nationalité ${person.nationality.toLowerCase()}.`,
    `Le présent certificat est délivré à l'intéressé(e) pour servir et valoir ce que de droit. Il est valable six mois à compter de sa date de délivrance.`,
    `Référence consulaire : ${country.code}/PAR/${issuedOn.slice(0, 4)}/${rng.int(1000, 9999)}`,
  ]);
  signOff(page, y + 10, 'Paris', issuedOn, ['Le Consul'], rng, {
    lines: ['CONSULAT', country.code, 'PARIS'],
    colour: STAMP_BLUE,
  });
  fictionMention(page);
  return { name: 'certificat-nationalite', pages: [page.build()], digital: false, focus: null };
}

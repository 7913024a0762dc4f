import {
  addDays,
  addMonthsClamped,
  isBefore,
  type IsoDate,
} from '../../shared/dates/calendar-date';
import type { FamilySituation } from '../../shared/dossier/family-situation';
import type { Rng } from '../random';
import { COUNTRIES, type Country } from './countries';
import { dateBetween, foreignPerson, frenchPerson, type Person, type Sex } from './people';
import {
  communeIn,
  DEPARTEMENT_WEIGHTS,
  drawAddress,
  drawPhone,
  type Address,
  type Commune,
} from './places';

/** The cases of the catalogue a dossier can be in; each value is covered by the simulation. */
export const AGE_CASES = ['adult', 'minor', 'emancipatedByJudge', 'emancipatedByMarriage'] as const;
export const RESIDENCE_CASES = ['bill', 'lease', 'rentReceipt', 'hotel', 'hosted'] as const;
export const COMPLAINT_CASES = ['receipt', 'proceedings', 'conviction'] as const;
export const NATIONALITY_CASES = ['passport', 'idCard', 'certificate', 'consularCard'] as const;
/** How a minor's legal representation is proven (annex 1 of the guide, by the parents' situation). */
export const REPRESENTATIONS = [
  'parentsMarried',
  'parentsDivorced',
  'recognisedBeforeOne',
  'recognisedAfterOne',
  'parentsSeparated',
  'thirdParty',
] as const;

export type AgeCase = (typeof AGE_CASES)[number];
export type ResidenceCase = (typeof RESIDENCE_CASES)[number];
export type ComplaintCase = (typeof COMPLAINT_CASES)[number];
export type NationalityCase = (typeof NATIONALITY_CASES)[number];
export type Representation = (typeof REPRESENTATIONS)[number];

export type Situation = {
  age: AgeCase;
  family: FamilySituation;
  children: boolean;
  residence: ResidenceCase;
  complaint: ComplaintCase;
  nationality: NationalityCase;
  departement: string;
  representation: Representation;
};

/**
 * The first applicants of a run, in this order, so that even a short run meets every case at
 * least once (with 12 applicants, every value of every dimension); later ones are drawn.
 */
export const COVERAGE: readonly Situation[] = [
  {
    age: 'adult',
    family: 'single',
    children: false,
    residence: 'bill',
    complaint: 'receipt',
    nationality: 'passport',
    departement: '59',
    representation: 'parentsMarried',
  },
  {
    age: 'minor',
    family: 'single',
    children: false,
    residence: 'hosted',
    complaint: 'receipt',
    nationality: 'passport',
    departement: '59',
    representation: 'parentsMarried',
  },
  {
    age: 'adult',
    family: 'married',
    children: true,
    residence: 'lease',
    complaint: 'proceedings',
    nationality: 'idCard',
    departement: '62',
    representation: 'parentsMarried',
  },
  {
    age: 'emancipatedByJudge',
    family: 'single',
    children: false,
    residence: 'hotel',
    complaint: 'proceedings',
    nationality: 'passport',
    departement: '13',
    representation: 'parentsMarried',
  },
  {
    age: 'adult',
    family: 'pacsed',
    children: false,
    residence: 'hotel',
    complaint: 'conviction',
    nationality: 'passport',
    departement: '75',
    representation: 'parentsMarried',
  },
  {
    age: 'adult',
    family: 'divorced',
    children: true,
    residence: 'hosted',
    complaint: 'receipt',
    nationality: 'certificate',
    departement: '59',
    representation: 'parentsMarried',
  },
  {
    age: 'emancipatedByMarriage',
    family: 'married',
    children: false,
    residence: 'bill',
    complaint: 'conviction',
    nationality: 'idCard',
    departement: '974',
    representation: 'parentsMarried',
  },
  {
    age: 'adult',
    family: 'cohabiting',
    children: true,
    residence: 'rentReceipt',
    complaint: 'proceedings',
    nationality: 'consularCard',
    departement: '69',
    representation: 'parentsMarried',
  },
  {
    age: 'minor',
    family: 'single',
    children: false,
    residence: 'hotel',
    complaint: 'conviction',
    nationality: 'passport',
    departement: '2A',
    representation: 'parentsDivorced',
  },
  {
    age: 'minor',
    family: 'single',
    children: false,
    residence: 'hosted',
    complaint: 'proceedings',
    nationality: 'idCard',
    departement: '59',
    representation: 'recognisedAfterOne',
  },
  {
    age: 'minor',
    family: 'single',
    children: false,
    residence: 'hosted',
    complaint: 'receipt',
    nationality: 'passport',
    departement: '59',
    representation: 'thirdParty',
  },
  {
    age: 'minor',
    family: 'single',
    children: false,
    residence: 'hotel',
    complaint: 'receipt',
    nationality: 'passport',
    departement: '62',
    representation: 'parentsSeparated',
  },
];

/** A situation drawn with the weights seen in such dossiers (mostly adults, mostly the Nord). */
export function drawSituation(rng: Rng): Situation {
  const age = rng.weighted<AgeCase>([
    ['adult', 80],
    ['minor', 12],
    ['emancipatedByJudge', 4],
    ['emancipatedByMarriage', 4],
  ]);
  const family: FamilySituation =
    age === 'emancipatedByMarriage'
      ? 'married'
      : age === 'adult'
        ? rng.weighted<FamilySituation>([
            ['single', 55],
            ['cohabiting', 15],
            ['married', 12],
            ['divorced', 10],
            ['pacsed', 8],
          ])
        : 'single';
  const minor = age !== 'adult';
  return {
    age,
    family,
    // Among minors, only a married one is shown with children.
    children: minor ? age === 'emancipatedByMarriage' && rng.chance(0.2) : rng.chance(0.35),
    residence: minor
      ? rng.weighted<ResidenceCase>([
          ['hosted', 5],
          ['hotel', 4],
          ['bill', 1],
        ])
      : rng.weighted<ResidenceCase>([
          ['bill', 25],
          ['lease', 12],
          ['rentReceipt', 13],
          ['hotel', 20],
          ['hosted', 30],
        ]),
    complaint: rng.weighted<ComplaintCase>([
      ['receipt', 60],
      ['proceedings', 28],
      ['conviction', 12],
    ]),
    nationality: rng.weighted<NationalityCase>([
      ['passport', 70],
      ['idCard', 15],
      ['certificate', 7],
      ['consularCard', 8],
    ]),
    departement: rng.weighted(DEPARTEMENT_WEIGHTS),
    representation: rng.pick(REPRESENTATIONS),
  };
}

export type Relative = Pick<Person, 'sex' | 'firstNames' | 'familyName'> & { birthDate: IsoDate };

export type Residence =
  | { kind: 'bill'; supplier: 'electricity' | 'gas' | 'internet'; holder: 'applicant' }
  | { kind: 'lease'; landlord: Person; rent: number; since: IsoDate }
  | { kind: 'rentReceipt'; landlord: Person; rent: number; since: IsoDate }
  | { kind: 'hotel'; hotel: string; manager: Person; since: IsoDate; nightly: number; room: string }
  | {
      kind: 'hosted';
      host: Person;
      since: IsoDate;
      /** The host's identity document and, when its address is outdated, a proof of address. */
      hostDocument: 'idCard' | 'residencePermit';
      proof: 'electricity' | 'internet' | 'taxNotice';
    };

export type Complaint = {
  kind: ComplaintCase;
  force: 'police' | 'gendarmerie';
  /** Where the complaint was filed (not always where the applicant lives now). */
  city: string;
  court: string;
  filedOn: IsoDate;
  reportNumber: string;
  prosecutionNumber: string;
  officer: Person;
  judgmentOn: IsoDate;
  convicted: Person;
};

export type Minor =
  | {
      kind: 'notEmancipated';
      representation: Representation;
      representative: Person;
      relation: 'mère' | 'père' | 'représentante légale' | 'représentant légal';
    }
  | { kind: 'emancipated'; by: 'judge' | 'marriage'; on: IsoDate; judge: Person; court: string };

export type Story = {
  asOf: IsoDate;
  situation: Situation;
  country: Country;
  applicant: Person;
  father: Relative;
  mother: Relative;
  commune: Commune;
  address: Address;
  email: string;
  phone: string;
  entryDate: IsoDate;
  union: { on: IsoDate; country: string; spouse: Relative } | null;
  children: Relative[];
  residence: Residence;
  complaint: Complaint;
  minor: Minor | null;
  passport: { number: string; issuedOn: IsoDate; expiresOn: IsoDate };
  ephoto: string;
  observations: string;
};

const years = (date: IsoDate, count: number) => addMonthsClamped(date, 12 * count);

function birthRange(age: AgeCase, asOf: IsoDate): { from: IsoDate; to: IsoDate } {
  // Minors are kept 2 months away from 16 and 18, so a run crossing midnight changes nothing.
  if (age !== 'adult')
    return { from: addDays(years(asOf, -18), 60), to: addDays(years(asOf, -16), -60) };
  return { from: years(asOf, -52), to: years(asOf, -19) };
}

const alphanumeric = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

function code(rng: Rng, length: number, alphabet = alphanumeric): string {
  return Array.from({ length }, () => rng.pick([...alphabet])).join('');
}

function asciiLower(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The same address for the same seed and index, so a later run can log in again. */
function applicantEmail(firstNames: string, familyName: string, seed: string, index: number) {
  const local = `${asciiLower(firstNames.split(' ')[0] ?? 'usager')}.${asciiLower(familyName)}`;
  return `${local}.s${asciiLower(seed)}n${index}@example.com`;
}

function observationsFor(story: Omit<Story, 'observations'>, rng: Rng): string {
  const options: [string, number][] = [
    ['', 45],
    [
      "Je suis accompagnée dans mes démarches par l'association Exemple d'aide aux victimes (accueil de jour). Vous pouvez la contacter pour toute information complémentaire.",
      15,
    ],
    [
      `Le lieu de naissance inscrit dans mon dossier est incomplet : il s'agit de ${story.applicant.birthPlace} (${story.country.name}).`,
      10,
    ],
    [
      'Je ne dispose pas encore de traduction officielle de certains documents : je peux la fournir sur demande.',
      10,
    ],
    ['Merci de me contacter de préférence par téléphone, en fin de matinée.', 10],
  ];
  if (story.situation.residence === 'hotel')
    options.push([
      'Je suis hébergée à l’hôtel par le 115 (SIAO) depuis mon arrivée dans le département.',
      15,
    ]);
  return rng.weighted(options);
}

/**
 * Everything about one invented applicant that the dossier and its documents tell: who, where,
 * since when, with whom, the complaint, the minor's representation. Dates are consistent: born,
 * entered France, filed a complaint, then applies on `asOf`.
 */
export function drawStory(
  situation: Situation,
  rng: Rng,
  asOf: IsoDate,
  seed: string,
  index: number,
): Story {
  const country = rng.pick(COUNTRIES);
  const sex: Sex = rng.chance(0.85) ? 'female' : 'male';
  const applicant = foreignPerson(country, sex, birthRange(situation.age, asOf), rng);
  const father: Relative = {
    sex: 'male',
    firstNames: rng.pick(country.firstNames.male),
    familyName: applicant.familyName,
    birthDate: dateBetween(years(applicant.birthDate, -45), years(applicant.birthDate, -22), rng),
  };
  const mother: Relative = {
    sex: 'female',
    firstNames: rng.pick(country.firstNames.female),
    familyName: rng.pick(country.familyNames.filter((name) => name !== applicant.familyName)),
    birthDate: dateBetween(years(applicant.birthDate, -40), years(applicant.birthDate, -18), rng),
  };
  const commune = communeIn(situation.departement, rng);
  const minorAge = situation.age !== 'adult';
  // Minors came at 14 or later; adults within the last nine years, and not before 16.
  const sixteen = years(applicant.birthDate, 16);
  const nineYearsAgo = years(asOf, -9);
  const earliestEntry = minorAge
    ? years(applicant.birthDate, 14)
    : isBefore(nineYearsAgo, sixteen)
      ? sixteen
      : nineYearsAgo;
  const entryDate = dateBetween(earliestEntry, addDays(asOf, -75), rng);

  const residence = drawResidence(situation.residence, rng, entryDate, asOf);
  const complement =
    residence.kind === 'hotel'
      ? `${residence.hotel}, chambre ${residence.room}`
      : residence.kind === 'hosted'
        ? `Chez ${residence.host.sex === 'female' ? 'Mme' : 'M.'} ${residence.host.familyName}`
        : rng.chance(0.3)
          ? `Appartement ${rng.int(1, 40)}, ${rng.int(0, 6) === 0 ? 'rez-de-chaussée' : `${rng.int(1, 6)}e étage`}`
          : null;
  const address = drawAddress(commune, rng, complement);

  const complaintCommune = rng.chance(0.7) ? commune : communeIn('59', rng);
  const filedOn = dateBetween(addDays(entryDate, 20), addDays(asOf, -30), rng);
  const complaint: Complaint = {
    kind: situation.complaint,
    force: rng.chance(0.75) ? 'police' : 'gendarmerie',
    city: complaintCommune.city,
    court: complaintCommune.court,
    filedOn,
    reportNumber: `${filedOn.slice(0, 4)}/${String(rng.int(1, 99999)).padStart(6, '0')}`,
    prosecutionNumber: `${filedOn.slice(2, 4)}${String(rng.int(100, 365)).padStart(3, '0')}${String(rng.int(1, 99999)).padStart(6, '0')}`,
    officer: frenchPerson(rng),
    judgmentOn: dateBetween(addDays(filedOn, 10), addDays(asOf, -15), rng),
    convicted: {
      ...frenchPerson(rng, 'male'),
      familyName: rng.pick(['COUPABLE-FICTIF', 'PREVENU-EXEMPLE', 'CONDAMNE-TEST']),
    },
  };

  const union =
    situation.family === 'married' || situation.family === 'pacsed'
      ? (() => {
          const from = minorAge ? sixteen : years(applicant.birthDate, 18);
          const on = dateBetween(from, addDays(asOf, -40), rng);
          const spouseSex: Sex = applicant.sex === 'female' ? 'male' : 'female';
          const spouse = foreignPerson(
            country,
            spouseSex,
            { from: years(applicant.birthDate, -12), to: years(applicant.birthDate, 2) },
            rng,
          );
          // A PACS is French; a minor's marriage took place abroad (France marries no one under 18).
          const unionCountry =
            situation.family === 'pacsed'
              ? 'FRANCE'
              : minorAge || rng.chance(0.5)
                ? country.name
                : 'FRANCE';
          return { on, country: unionCountry, spouse };
        })()
      : null;
  const children: Relative[] = situation.children
    ? Array.from({ length: rng.int(1, 3) }, () => {
        const child = foreignPerson(
          country,
          rng.pick(['female', 'male'] as const),
          {
            from: minorAge ? addDays(asOf, -500) : years(applicant.birthDate, 18),
            to: addDays(asOf, -30),
          },
          rng,
          applicant.familyName,
        );
        return {
          sex: child.sex,
          firstNames: child.firstNames,
          familyName: child.familyName,
          birthDate: child.birthDate,
        };
      })
    : [];

  const minor = drawMinor(
    situation,
    rng,
    { applicant, father, mother, country, commune },
    union?.on ?? null,
    asOf,
  );
  const issuedOn = dateBetween(years(asOf, -7), addDays(entryDate, -30), rng);
  const story = {
    asOf,
    situation,
    country,
    applicant,
    father,
    mother,
    commune,
    address,
    email: applicantEmail(applicant.firstNames, applicant.familyName, seed, index),
    phone: drawPhone(commune, rng),
    entryDate,
    union,
    children,
    residence,
    complaint,
    minor,
    passport: {
      number: `${code(rng, 2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${code(rng, 7, '0123456789')}`,
      issuedOn,
      expiresOn: addDays(years(issuedOn, minorAge ? 5 : 10), -1),
    },
    ephoto: code(rng, 22),
  };
  return { ...story, observations: observationsFor(story, rng) };
}

function drawResidence(
  kind: ResidenceCase,
  rng: Rng,
  entryDate: IsoDate,
  asOf: IsoDate,
): Residence {
  const since = dateBetween(addDays(entryDate, 7), addDays(asOf, -35), rng);
  switch (kind) {
    case 'bill':
      return {
        kind,
        supplier: rng.pick(['electricity', 'gas', 'internet'] as const),
        holder: 'applicant',
      };
    case 'lease':
    case 'rentReceipt':
      return { kind, landlord: frenchPerson(rng), rent: rng.int(38, 72) * 10, since };
    case 'hotel':
      return {
        kind,
        hotel: rng.pick([
          'Hôtel du Spécimen',
          'Hôtel Exemple Gare',
          'Résidence hôtelière Fictive',
          'Hôtel Démo Centre',
        ]),
        manager: frenchPerson(rng),
        since,
        nightly: rng.int(30, 55),
        room: String(rng.int(1, 4) * 100 + rng.int(1, 24)),
      };
    case 'hosted':
      return {
        kind,
        host: frenchPerson(rng),
        since,
        hostDocument: rng.chance(0.7) ? 'idCard' : 'residencePermit',
        proof: rng.pick(['electricity', 'internet', 'taxNotice'] as const),
      };
  }
}

function drawMinor(
  situation: Situation,
  rng: Rng,
  family: {
    applicant: Person;
    father: Relative;
    mother: Relative;
    country: Country;
    commune: Commune;
  },
  unionOn: IsoDate | null,
  asOf: IsoDate,
): Minor | null {
  const { applicant, father, mother, country, commune } = family;
  const judge = frenchPerson(rng);
  switch (situation.age) {
    case 'adult':
      return null;
    case 'emancipatedByJudge':
      return {
        kind: 'emancipated',
        by: 'judge',
        on: dateBetween(years(applicant.birthDate, 16), addDays(asOf, -20), rng),
        judge,
        court: commune.court,
      };
    case 'emancipatedByMarriage':
      return {
        kind: 'emancipated',
        by: 'marriage',
        on: unionOn ?? asOf,
        judge,
        court: commune.court,
      };
    case 'minor': {
      if (situation.representation === 'thirdParty') {
        const representative = frenchPerson(rng);
        return {
          kind: 'notEmancipated',
          representation: 'thirdParty',
          representative,
          relation: representative.sex === 'female' ? 'représentante légale' : 'représentant légal',
        };
      }
      const parent = rng.chance(0.6) ? mother : father;
      return {
        kind: 'notEmancipated',
        representation: situation.representation,
        representative: {
          ...parent,
          birthPlace: applicant.birthPlace,
          birthCountry: applicant.birthCountry,
          nationality: country.nationality[parent.sex],
        },
        relation: parent.sex === 'female' ? 'mère' : 'père',
      };
    }
  }
}

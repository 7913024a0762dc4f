import { addDays, type IsoDate } from '../../shared/dates/calendar-date';
import type { Rng } from '../random';
import type { Country } from './countries';

/** Everyone the simulator invents has a family name that says so (EXEMPLE, FICTIF, SPECIMEN…). */
export type Sex = 'male' | 'female';

export type Person = {
  sex: Sex;
  firstNames: string;
  familyName: string;
  birthDate: IsoDate;
  birthPlace: string;
  birthCountry: string;
  nationality: string;
};

const FRENCH_FIRST_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  female: ['Claire', 'Nathalie', 'Sophie', 'Isabelle', 'Martine', 'Julie', 'Céline', 'Sylvie'],
  male: ['Jean', 'Philippe', 'Thierry', 'Laurent', 'Pascal', 'Olivier', 'Marc', 'Didier'],
};

const FRENCH_FAMILY_NAMES = [
  'DUPONT-EXEMPLE',
  'MARTIN-FICTIF',
  'DURAND-SPECIMEN',
  'LEFEBVRE-TEST',
  'MOREAU-DEMO',
  'PETIT-ESSAI',
  'BERNARD-MODELE',
  'ROUSSEL-FACTICE',
];

/** A date drawn between two dates, both included. */
export function dateBetween(from: IsoDate, to: IsoDate, rng: Rng): IsoDate {
  const span = Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000,
  );
  return addDays(from, rng.int(0, Math.max(0, span)));
}

export function foreignPerson(
  country: Country,
  sex: Sex,
  birth: { from: IsoDate; to: IsoDate },
  rng: Rng,
  familyName = rng.pick(country.familyNames),
): Person {
  const firstNames = rng.chance(0.25)
    ? `${rng.pick(country.firstNames[sex])} ${rng.pick(country.firstNames[sex])}`
    : rng.pick(country.firstNames[sex]);
  return {
    sex,
    firstNames: [...new Set(firstNames.split(' '))].join(' '),
    familyName,
    birthDate: dateBetween(birth.from, birth.to, rng),
    birthPlace: rng.pick(country.towns),
    birthCountry: country.name,
    nationality: country.nationality[sex],
  };
}

/** A French resident: host, landlord, hotel manager, officer, judge. */
export function frenchPerson(rng: Rng, sex: Sex = rng.pick(['female', 'male'] as const)): Person {
  return {
    sex,
    firstNames: rng.pick(FRENCH_FIRST_NAMES[sex]),
    familyName: rng.pick(FRENCH_FAMILY_NAMES),
    birthDate: dateBetween('1955-01-01', '1990-12-31', rng),
    birthPlace: rng.pick(['LILLE', 'ARRAS', 'AMIENS', 'PARIS', 'LYON', 'ROUBAIX']),
    birthCountry: 'FRANCE',
    nationality: sex === 'female' ? 'FRANÇAISE' : 'FRANÇAIS',
  };
}

/** « Mme Claire DUPONT-EXEMPLE » */
export function civility(person: Pick<Person, 'sex' | 'firstNames' | 'familyName'>): string {
  return `${person.sex === 'female' ? 'Mme' : 'M.'} ${person.firstNames} ${person.familyName}`;
}

/** « née » / « né » */
export function born(person: Pick<Person, 'sex'>): string {
  return person.sex === 'female' ? 'née' : 'né';
}

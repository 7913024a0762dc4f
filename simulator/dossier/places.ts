import type { Rng } from '../random';

/**
 * Real communes (postcode and INSEE code checked against the official geographic code) where the
 * simulated applicants live, mostly in the Nord, with the courts that serve them. Street names are
 * the commonest in France; house numbers are drawn.
 */
export type Commune = {
  city: string;
  postcode: string;
  inseeCode: string;
  departement: string;
  overseas: boolean;
  /** Tribunal judiciaire (also the public prosecutor's office) of the commune. */
  court: string;
  /** Regional area of the invented landline numbers (ARCEP's range for fiction). */
  phoneArea: '01' | '02' | '03' | '04' | '05';
};

const nord = (city: string, postcode: string, inseeCode: string, court: string): Commune => ({
  city,
  postcode,
  inseeCode,
  departement: '59',
  overseas: false,
  court,
  phoneArea: '03',
});

export const COMMUNES: readonly Commune[] = [
  nord('Lille', '59000', '59350', 'Lille'),
  nord('Lille', '59800', '59350', 'Lille'),
  nord('Roubaix', '59100', '59512', 'Lille'),
  nord('Tourcoing', '59200', '59599', 'Lille'),
  nord("Villeneuve-d'Ascq", '59650', '59009', 'Lille'),
  nord('Dunkerque', '59140', '59183', 'Dunkerque'),
  nord('Valenciennes', '59300', '59606', 'Valenciennes'),
  nord('Douai', '59500', '59178', 'Douai'),
  nord('Maubeuge', '59600', '59392', 'Avesnes-sur-Helpe'),
  nord('Cambrai', '59400', '59122', 'Cambrai'),
  {
    city: 'Arras',
    postcode: '62000',
    inseeCode: '62041',
    departement: '62',
    overseas: false,
    court: 'Arras',
    phoneArea: '03',
  },
  {
    city: 'Lens',
    postcode: '62300',
    inseeCode: '62498',
    departement: '62',
    overseas: false,
    court: 'Béthune',
    phoneArea: '03',
  },
  {
    city: 'Calais',
    postcode: '62100',
    inseeCode: '62193',
    departement: '62',
    overseas: false,
    court: 'Boulogne-sur-Mer',
    phoneArea: '03',
  },
  {
    city: 'Paris',
    postcode: '75018',
    inseeCode: '75118',
    departement: '75',
    overseas: false,
    court: 'Paris',
    phoneArea: '01',
  },
  {
    city: 'Paris',
    postcode: '75010',
    inseeCode: '75110',
    departement: '75',
    overseas: false,
    court: 'Paris',
    phoneArea: '01',
  },
  {
    city: 'Lyon',
    postcode: '69007',
    inseeCode: '69387',
    departement: '69',
    overseas: false,
    court: 'Lyon',
    phoneArea: '04',
  },
  {
    city: 'Villeurbanne',
    postcode: '69100',
    inseeCode: '69266',
    departement: '69',
    overseas: false,
    court: 'Lyon',
    phoneArea: '04',
  },
  {
    city: 'Marseille',
    postcode: '13003',
    inseeCode: '13203',
    departement: '13',
    overseas: false,
    court: 'Marseille',
    phoneArea: '04',
  },
  {
    city: 'Marseille',
    postcode: '13015',
    inseeCode: '13215',
    departement: '13',
    overseas: false,
    court: 'Marseille',
    phoneArea: '04',
  },
  {
    city: 'Saint-Denis',
    postcode: '97400',
    inseeCode: '97411',
    departement: '974',
    overseas: true,
    court: 'Saint-Denis',
    phoneArea: '02',
  },
  {
    city: 'Ajaccio',
    postcode: '20000',
    inseeCode: '2A004',
    departement: '2A',
    overseas: false,
    court: 'Ajaccio',
    phoneArea: '04',
  },
];

/** The weight of each département among applicants: mostly the Nord. */
export const DEPARTEMENT_WEIGHTS: readonly (readonly [string, number])[] = [
  ['59', 70],
  ['62', 8],
  ['75', 8],
  ['69', 5],
  ['13', 5],
  ['974', 2],
  ['2A', 2],
];

export function communeIn(departement: string, rng: Rng): Commune {
  return rng.pick(COMMUNES.filter((commune) => commune.departement === departement));
}

const STREETS = [
  'rue Nationale',
  'rue de la République',
  'rue Victor Hugo',
  'avenue Jean Jaurès',
  'rue Pasteur',
  'boulevard Gambetta',
  'rue de Paris',
  'rue Jean Moulin',
  'rue du Général de Gaulle',
  'place de la Gare',
  'rue des Écoles',
  'allée des Tilleuls',
];

export type Address = {
  streetNumber: string;
  street: string;
  complement: string | null;
  commune: Commune;
};

export function drawAddress(commune: Commune, rng: Rng, complement: string | null = null): Address {
  const number = rng.int(1, 180);
  return {
    streetNumber: rng.chance(0.08) ? `${number} bis` : String(number),
    street: rng.pick(STREETS),
    complement,
    commune,
  };
}

/** « 12 rue Nationale », with its first letter up. */
export function streetLine(address: Address): string {
  const line = `${address.streetNumber} ${address.street}`;
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** « 59000 LILLE » */
export function cityLine(address: Address): string {
  return `${address.commune.postcode} ${address.commune.city.toUpperCase()}`;
}

/**
 * An invented phone number, written as people type it: ARCEP keeps 06 39 98 xx xx and one landline
 * block per region (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49) for fiction, so none rings.
 */
export function drawPhone(commune: Commune, rng: Rng): string {
  const landlineBlocks: Readonly<Record<Commune['phoneArea'], string>> = {
    '01': '01 99 00',
    '02': '02 61 91',
    '03': '03 53 01',
    '04': '04 65 71',
    '05': '05 36 49',
  };
  // Overseas landlines have their own prefixes and no fiction block: a mobile number there.
  const mobile = rng.chance(0.8) || commune.overseas;
  const block = mobile ? '06 39 98' : landlineBlocks[commune.phoneArea];
  const digits = `${block} ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}`;
  const compact = digits.replace(/ /g, '');
  return rng.weighted([
    [digits, 6],
    [compact, 2],
    [digits.replace(/ /g, '.'), 1],
    [`+33 ${compact.slice(1, 2)} ${digits.slice(3)}`, 1],
  ]);
}

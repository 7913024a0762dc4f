/**
 * The code of the département whose prefecture handles a dossier (the dossier goes to the service
 * of the applicant's département). Metropolitan 01–95 with Corsica as 2A/2B (never 20), overseas
 * 971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte, and the overseas
 * collectivities that have their own prefecture and INSEE code: 975 Saint-Pierre-et-Miquelon,
 * 977 Saint-Barthélemy, 978 Saint-Martin. Pacific collectivities (986–988) are outside the CESEDA
 * and therefore outside this procedure.
 */
// prettier-ignore
export const DEPARTEMENT_CODES = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16',
  '17', '18', '19', '2A', '2B', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31',
  '32', '33', '34', '35', '36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46', '47',
  '48', '49', '50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '60', '61', '62', '63',
  '64', '65', '66', '67', '68', '69', '70', '71', '72', '73', '74', '75', '76', '77', '78', '79',
  '80', '81', '82', '83', '84', '85', '86', '87', '88', '89', '90', '91', '92', '93', '94', '95',
  '971', '972', '973', '974', '975', '976', '977', '978',
] as const;

export type DepartementCode = (typeof DEPARTEMENT_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(DEPARTEMENT_CODES);

export function isDepartementCode(value: string): value is DepartementCode {
  return KNOWN.has(value);
}

export function isOverseas(code: DepartementCode): boolean {
  return code.length === 3;
}

import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { personalStepSchema } from '../../shared/dossier/personal-step';

/**
 * What the national file holds about an applicant: the civil status the form shows read-only at
 * step 1. The portal stands in for that file: dev.createApplicant generates one, or takes the
 * fields it is given over generated ones.
 */
export const civilStatusSchema = personalStepSchema.shape.civilStatus;

export type CivilStatus = z.output<typeof civilStatusSchema>;

const FIRST_NAMES = ['Amina', 'Grace', 'Blessing', 'Maria', 'Esther', 'Joy', 'Fatou', 'Rosa'];
const BIRTH_NAMES = ['OKAFOR', 'DIALLO', 'HERNANDEZ', 'NGUYEN', 'POPESCU', 'MENDOZA', 'KOUAME'];
const BIRTHS = [
  { birthCountry: 'NIGERIA', birthPlace: 'BENIN CITY', nationality: 'NIGERIANE' },
  { birthCountry: 'MEXIQUE', birthPlace: 'CANCUN', nationality: 'MEXICAINE' },
  { birthCountry: 'ROUMANIE', birthPlace: 'CRAIOVA', nationality: 'ROUMAINE' },
  { birthCountry: 'VIETNAM', birthPlace: 'HAIPHONG', nationality: 'VIETNAMIENNE' },
];

function pick<T>(values: readonly T[]): T {
  return values[randomInt(values.length)] as T;
}

/** An adult's civil status, plausible enough for a demonstration. */
export function generateCivilStatus(): z.input<typeof civilStatusSchema> {
  const year = 1975 + randomInt(30);
  const month = 1 + randomInt(12);
  const day = 1 + randomInt(28);
  return {
    birthName: pick(BIRTH_NAMES),
    firstNames: pick(FIRST_NAMES),
    sex: 'female',
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    emancipatedMinor: false,
    ...pick(BIRTHS),
  };
}

/** 10 digits, as on the guide's specimens (5908002010); never starting with 0. */
export function generateForeignerNumber(): string {
  return `${1 + randomInt(9)}${String(randomInt(1_000_000_000)).padStart(9, '0')}`;
}

/** How the portal greets the applicant (« Bonjour DCEM TEST, »): first names, then the name in use. */
export function displayNameOf(civilStatus: {
  firstNames?: unknown;
  usageName?: unknown;
  birthName?: unknown;
}): string {
  const name =
    typeof civilStatus.usageName === 'string' && civilStatus.usageName.trim()
      ? civilStatus.usageName
      : civilStatus.birthName;
  return [civilStatus.firstNames, name]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ');
}

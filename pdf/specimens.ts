import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cardValidity, prolongationValidity } from '../shared/dates/deadlines';
import { PROCEDURES } from '../shared/procedures/catalogue';
import type {
  DepositConfirmationInput,
  FavorableDecisionAttestationInput,
  ProlongationAttestationInput,
} from '../shared/texts/documents';
import {
  renderDepositConfirmation,
  renderFavorableDecisionAttestation,
  renderProlongationAttestation,
} from './render-documents';

/**
 * The guide's own example, as a first application: TEST Test, whose attestations of decision and
 * of prolongation the guide shows, all issued on 17/09/2023. Dates come from the procedure's rules
 * (shared/dates/deadlines.ts), the card from the catalogue, so the specimens show what the
 * application would issue.
 */
const ISSUED_ON = '2023-09-17';

const HOLDER = {
  kind: 'first',
  foreignerNumber: '5908002016',
  applicationNumber: '5901202309170000212',
  civilStatus: {
    birthName: 'Test',
    firstNames: 'Test',
    birthDate: '2007-09-14',
    birthPlace: 'Cancun',
    birthCountry: 'Mexique',
    nationality: 'Mexicaine',
  },
  address: { line: '20 rue Nationale', postcode: '59800', city: 'Lille', country: 'France' },
} as const;

const { card } = PROCEDURES['vpf-teh'];

export const SPECIMENS = {
  confirmation: {
    ...HOLDER,
    issuedOn: ISSUED_ON,
    depositedOn: ISSUED_ON,
  } satisfies DepositConfirmationInput,
  prolongation: {
    ...HOLDER,
    depositedOn: ISSUED_ON,
    ...prolongationValidity(ISSUED_ON),
  } satisfies ProlongationAttestationInput,
  favorableDecision: {
    ...HOLDER,
    issuedOn: ISSUED_ON,
    decidedOn: ISSUED_ON,
    ...cardValidity(ISSUED_ON, card.durationMonths),
    card,
    // The guide's « 0 € », which the catalogue confirms for this motive.
    taxesEuros: card.taxesEuros ?? 0,
  } satisfies FavorableDecisionAttestationInput,
};

/** The file names the issue asks for, each with its PDF. */
const SPECIMEN_FILES: ReadonlyArray<readonly [string, () => Promise<Uint8Array>]> = [
  ['confirmation-depot.pdf', () => renderDepositConfirmation(SPECIMENS.confirmation)],
  ['attestation-prolongation.pdf', () => renderProlongationAttestation(SPECIMENS.prolongation)],
  [
    'attestation-decision-favorable.pdf',
    () => renderFavorableDecisionAttestation(SPECIMENS.favorableDecision),
  ],
];

/** Writes the three specimens into `folder` (created if needed); returns their paths. */
export async function writeSpecimens(folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const paths: string[] = [];
  for (const [name, render] of SPECIMEN_FILES) {
    const path = join(folder, name);
    await writeFile(path, await render());
    paths.push(path);
  }
  return paths;
}

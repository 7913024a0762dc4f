import {
  depositConfirmationContent,
  favorableDecisionAttestationContent,
  prolongationAttestationContent,
  type DepositConfirmationInput,
  type FavorableDecisionAttestationInput,
  type ProlongationAttestationInput,
} from '../shared/texts/documents';
import { layOutAttestation } from './attestation-layout';

/**
 * The three PDFs of the guide, as the applicant receives them: A4, the texts of
 * shared/texts/documents.ts, the same bytes for the same input. Any name renders: characters the
 * font lacks are written in Latin letters or « ? » (glyph-fallback.ts).
 */

const subjectOf = (input: { applicationNumber: string }): string =>
  `Demande de titre de séjour n° ${input.applicationNumber}`;

/** « Confirmation du dépôt »: downloaded at step 5 of the portal and sent by e-mail. */
export async function renderDepositConfirmation(
  input: DepositConfirmationInput,
): Promise<Uint8Array> {
  const content = depositConfirmationContent(input);
  const { bytes } = await layOutAttestation(content, {
    issuedOn: input.issuedOn,
    subject: subjectOf(input),
  });
  return bytes;
}

/** « Attestation de prolongation d'instruction »: issued on the first day of its validity. */
export async function renderProlongationAttestation(
  input: ProlongationAttestationInput,
): Promise<Uint8Array> {
  const content = prolongationAttestationContent(input);
  const { bytes } = await layOutAttestation(content, {
    issuedOn: input.validFrom,
    subject: subjectOf(input),
  });
  return bytes;
}

/** « Attestation de décision favorable »: the card it announces starts the day after the decision. */
export async function renderFavorableDecisionAttestation(
  input: FavorableDecisionAttestationInput,
): Promise<Uint8Array> {
  const content = favorableDecisionAttestationContent(input);
  const { bytes } = await layOutAttestation(content, {
    issuedOn: input.issuedOn,
    subject: subjectOf(input),
  });
  return bytes;
}

import {
  depositConfirmationContent,
  type DepositConfirmationInput,
} from '../../shared/texts/documents';
import { buildAttestationPdf } from './attestation-pdf';

/**
 * The « Confirmation du dépôt » PDF the applicant downloads at step 5 and receives by e-mail:
 * A4, the guide's specimen with the title of the real kind of application and the address once.
 * Any name renders: characters outside the standard font are transliterated (winansi-text.ts).
 */
export async function renderDepositConfirmation(
  input: DepositConfirmationInput,
): Promise<Uint8Array> {
  const { bytes } = await buildAttestationPdf(depositConfirmationContent(input), input.issuedOn);
  return bytes;
}

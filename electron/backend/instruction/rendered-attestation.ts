import type { BlobStore } from '../../../db/blob-store';
import {
  renderFavorableDecisionAttestation,
  renderProlongationAttestation,
} from '../../../pdf/render-documents';
import type {
  FavorableDecisionAttestationInput,
  ProlongationAttestationInput,
} from '../../../shared/texts/documents';

export type ProlongationRequest = { document: 'prolongation'; input: ProlongationAttestationInput };
export type FavorableRequest = {
  document: 'favorableDecision';
  input: FavorableDecisionAttestationInput;
};
export type AttestationRequest = ProlongationRequest | FavorableRequest;

export interface RenderedAttestation {
  sha256: string;
  size: number;
  fileName: string;
}

/** The names the portal gives the same files, so the agent and the applicant see one name. */
function fileNameOf(request: AttestationRequest): string {
  const number = request.input.applicationNumber;
  return request.document === 'prolongation'
    ? `attestation-prolongation-${number}-${request.input.validFrom}.pdf`
    : `attestation-decision-favorable-${number}.pdf`;
}

/**
 * Renders an attestation and keeps it in the content-addressed store. The renderer is
 * deterministic: the same inputs give the same bytes, hence the same hash, which is how issuing
 * checks that the agent confirms the very document they previewed.
 */
export async function renderAttestation(
  blobs: BlobStore,
  request: AttestationRequest,
): Promise<RenderedAttestation> {
  const bytes =
    request.document === 'prolongation'
      ? await renderProlongationAttestation(request.input)
      : await renderFavorableDecisionAttestation(request.input);
  const stored = await blobs.put(bytes);
  return { sha256: stored.sha256, size: stored.size, fileName: fileNameOf(request) };
}

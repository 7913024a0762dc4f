import type { BlobStore } from '../../../db/blob-store';
import { PortalFailure } from '../portal-link/portal-client';

/** What became of one attestation's upload. */
export type UploadOutcome = { ok: true } | { ok: false; reason: string };

export interface UploadRequest {
  /** The portal's base URL; the file goes to `<portalUrl>/files`. */
  portalUrl: string;
  agentId: string;
  token: string;
  sha256: string;
}

const OFFLINE = 'Le portail ne répond pas. Vérifiez la connexion réseau.';

async function portalMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Not the portal's JSON error: the status says enough.
  }
  return `Le portail a refusé l'attestation (HTTP ${response.status}).`;
}

/**
 * Attestations rendered on this workstation go to the portal (POST /files, the agent's token)
 * before the action that names them: the portal accepts an attestation only from the agent who
 * uploaded it. Uploads are idempotent by content, so remembering them in memory is enough: after a
 * restart an attestation is sent once more, harmlessly. A network error or a 5xx throws an
 * `unreachable` PortalFailure and an expired token an `unauthorized` one, exactly like a push; a
 * file the portal refuses comes back as a reason, for its action alone.
 */
export function createAttestationUploads(blobs: BlobStore, timeoutMs = 30_000) {
  const uploaded = new Set<string>();

  return {
    async ensure({ portalUrl, agentId, token, sha256 }: UploadRequest): Promise<UploadOutcome> {
      const key = `${agentId}:${sha256}`;
      if (uploaded.has(key)) return { ok: true };
      if (!(await blobs.has(sha256)))
        return {
          ok: false,
          reason:
            "L'attestation n'est plus sur ce poste : prévisualisez-la à nouveau avant de recommencer.",
        };
      const bytes = await blobs.get(sha256);
      let response: Response;
      try {
        response = await fetch(`${portalUrl.replace(/\/+$/, '')}/files`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/pdf',
            'x-filename': encodeURIComponent(`attestation-${sha256.slice(0, 12)}.pdf`),
          },
          body: new Uint8Array(bytes),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new PortalFailure('unreachable', OFFLINE, 'NETWORK', { cause: error });
      }
      if (response.status === 401) {
        await response.body?.cancel();
        throw new PortalFailure('unauthorized', 'Votre session a expiré.', 'UNAUTHORIZED');
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        throw new PortalFailure(
          'unreachable',
          `Le portail rencontre une erreur (HTTP ${response.status}). Nouvel essai automatique.`,
          'INTERNAL_SERVER_ERROR',
        );
      }
      if (!response.ok) return { ok: false, reason: await portalMessage(response) };
      let stored: { sha256?: unknown };
      try {
        stored = (await response.json()) as { sha256?: unknown };
      } catch (error) {
        // The answer was cut: the upload may or may not have landed; sending it again is harmless.
        throw new PortalFailure('unreachable', OFFLINE, 'NETWORK', { cause: error });
      }
      if (stored.sha256 !== sha256)
        throw new PortalFailure(
          'unreachable',
          'Le portail a reçu une attestation altérée en chemin. Nouvel essai automatique.',
          'NETWORK',
        );
      uploaded.add(key);
      return { ok: true };
    },
  };
}

export type AttestationUploads = ReturnType<typeof createAttestationUploads>;

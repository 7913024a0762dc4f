import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { BlobStore } from '../../../db/blob-store';
import type { FileRepository } from '../../../db/desktop/file-repository';
import type { PublicAgent } from '../auth/auth-service';
import { UserFacingError } from '../errors';

/** How long a link to a document file works: the viewer fetches it at once. */
const LINK_TTL_MS = 5 * 60_000;

export interface FileLinksDeps {
  db: Database.Database;
  files: FileRepository;
  blobs: BlobStore;
  /** Downloads the file now if it is not here yet (the attachments queue). */
  ensure(sha256: string): Promise<string>;
  now?: () => number;
}

export interface OpenedFile {
  sha256: string;
  mime: string;
  size: number;
  bytes: Buffer;
}

/**
 * Links to document files for the viewer. The renderer never names a file path: it asks for a
 * link to a file of a dossier of the agent's service and gets an unguessable token, valid a few
 * minutes, which the shell (app://instructeur/local-files/<token>) or the headless host
 * (/local-files/<token>) redeems. The bytes are checked against their hash before they are served.
 */
export function createFileLinks({ db, files, blobs, ensure, now = Date.now }: FileLinksDeps) {
  const links = new Map<string, { sha256: string; expiresAt: number }>();
  // Attestations rendered here that the portal has not announced yet: the agent previews them
  // before they exist anywhere else. sha256 → dossier.
  const rendered = new Map<string, string>();
  const serviceOf = db
    .prepare<[string], string>('SELECT service_code FROM applications WHERE application_number = ?')
    .pluck();
  const reachable = db
    .prepare<[string, string], number>(
      `
      SELECT count(*) FROM application_files af
      JOIN applications a ON a.application_number = af.application_number
      WHERE af.sha256 = ? AND a.service_code = ?`,
    )
    .pluck();

  function forget(): void {
    const time = now();
    for (const [token, link] of links) if (link.expiresAt <= time) links.delete(token);
  }

  return {
    /** A token for one file of the agent's service; NOT_FOUND for anything else. */
    issue(agent: PublicAgent, sha256: string): { token: string; expiresAt: string } {
      forget();
      const renderedFor = rendered.get(sha256);
      const mine =
        (reachable.get(sha256, agent.serviceCode) ?? 0) > 0 ||
        (renderedFor !== undefined && serviceOf.get(renderedFor) === agent.serviceCode);
      if (!/^[0-9a-f]{64}$/.test(sha256) || !mine)
        throw new UserFacingError(
          'NOT_FOUND',
          "Ce fichier n'appartient à aucun dossier de votre service.",
        );
      const token = randomBytes(24).toString('base64url');
      const expiresAt = now() + LINK_TTL_MS;
      links.set(token, { sha256, expiresAt });
      return { token, expiresAt: new Date(expiresAt).toISOString() };
    },

    /** The file behind a token, downloaded first when needed; null for an unknown or expired token. */
    async open(token: string): Promise<OpenedFile | null> {
      forget();
      const link = links.get(token);
      if (!link) return null;
      const row = files.get(link.sha256);
      if (!row && rendered.has(link.sha256)) {
        const bytes = await blobs.get(link.sha256);
        return { sha256: link.sha256, mime: 'application/pdf', size: bytes.length, bytes };
      }
      if (!row) return null;
      await ensure(link.sha256);
      files.touch(link.sha256, new Date(now()));
      const bytes = await blobs.get(link.sha256);
      return { sha256: link.sha256, mime: row.mime, size: bytes.length, bytes };
    },

    /** An attestation just rendered into the store for this dossier (a PDF) may be shown too. */
    allowRendered(sha256: string, applicationNumber: string): void {
      rendered.set(sha256, applicationNumber);
    },
  };
}

export type FileLinks = ReturnType<typeof createFileLinks>;

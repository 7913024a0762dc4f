import type Database from 'better-sqlite3';
import type { BlobStore } from '../db/blob-store';
import type { PortalRepositories } from '../db/portal/portal-repositories';
import type { Sessions } from './auth/sessions';
import type { RenderConfirmation } from './applications/confirmation';
import type { inspectUpload } from './uploads/inspect-upload';

/** What every service of the portal works with; built once by createPortal. */
export interface PortalDeps {
  db: Database.Database;
  blobs: BlobStore;
  repos: PortalRepositories;
  sessions: Sessions;
  now: () => Date;
  /** Addresses written into e-mails, from the portal's public URL. */
  links: { activation(token: string): string; login(): string };
  renderConfirmation: RenderConfirmation;
  /** What every uploaded file goes through before it is stored (portal/uploads). */
  inspectUpload: typeof inspectUpload;
}

import { join } from 'node:path';
import { createBlobStore } from '../db/blob-store';
import { openPortalDatabase } from '../db/portal/open-portal-database';
import { createPortalRepositories } from '../db/portal/portal-repositories';
import { renderDepositConfirmation } from '../pdf/render-documents';
import { createAccounts } from './accounts/accounts';
import { createApplications } from './applications/applications';
import type { RenderConfirmation } from './applications/confirmation';
import { createSessions, DEFAULT_SESSION_TTL_MS } from './auth/sessions';
import { createPush } from './backoffice/push';
import type { PortalDeps } from './deps';
import { createNotifications } from './notifications/notifications';
import { createSupplementAnswers } from './notifications/supplement-answers';
import { inspectUpload } from './uploads/inspect-upload';
import './errors';

export interface PortalOptions {
  /** Folder holding portal.sqlite and the files (by sha256, under files/). */
  dataDir: string;
  /** How long a session token is valid (8 h by default). */
  sessionTtlMs?: number;
  /** The clock (tests move it to cross deadlines). */
  now?: () => Date;
  /** Replaces the confirmation PDF renderer (tests that need a failing or slow one). */
  renderConfirmation?: RenderConfirmation;
}

/** The portal's services on one data folder: the HTTP server and the tests both use this. */
export function createPortal({
  dataDir,
  sessionTtlMs = DEFAULT_SESSION_TTL_MS,
  now = () => new Date(),
  renderConfirmation = renderDepositConfirmation,
}: PortalOptions) {
  const db = openPortalDatabase(join(dataDir, 'portal.sqlite'));
  const blobs = createBlobStore(join(dataDir, 'files'));
  const repos = createPortalRepositories(db);
  let publicUrl = 'http://127.0.0.1';
  const deps: PortalDeps = {
    db,
    blobs,
    repos,
    now,
    sessions: createSessions({ tokens: repos.tokens, now, sessionTtlMs }),
    links: {
      activation: (token) => `${publicUrl}/activation?token=${encodeURIComponent(token)}`,
      login: () => `${publicUrl}/connexion`,
    },
    renderConfirmation,
    inspectUpload,
  };
  const notifications = createNotifications(deps);

  return {
    ...deps,
    accounts: createAccounts(deps),
    applications: createApplications(deps),
    notifications,
    supplements: createSupplementAnswers(deps, notifications),
    push: createPush(deps),
    /** The address the e-mails' links start with, known once the server listens. */
    setPublicUrl(url: string) {
      publicUrl = url.replace(/\/+$/, '');
    },
    close: () => db.close(),
  };
}

export type Portal = ReturnType<typeof createPortal>;

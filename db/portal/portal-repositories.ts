import type Database from 'better-sqlite3';
import { createAgentRepository } from './agent-repository';
import { createApplicantRepository } from './applicant-repository';
import { createApplicationRepository } from './application-repository';
import { createChangeLog } from './change-log';
import { createDecisionRepository } from './decision-repository';
import { createFileRepository } from './file-repository';
import { createMailbox } from './mailbox';
import { createMutationLog } from './mutation-log';
import { createNotificationRepository } from './notification-repository';
import { createSecurityLog } from './security-log';
import { createServiceSettings } from './service-settings';
import { createTokenRepository } from './token-repository';

/** Every repository of the portal's database, prepared once on one connection. */
export function createPortalRepositories(db: Database.Database) {
  return {
    agents: createAgentRepository(db),
    applicants: createApplicantRepository(db),
    tokens: createTokenRepository(db),
    applications: createApplicationRepository(db),
    files: createFileRepository(db),
    notifications: createNotificationRepository(db),
    mailbox: createMailbox(db),
    changes: createChangeLog(db),
    mutations: createMutationLog(db),
    serviceSettings: createServiceSettings(db),
    decisions: createDecisionRepository(db),
    security: createSecurityLog(db),
  };
}

export type PortalRepositories = ReturnType<typeof createPortalRepositories>;

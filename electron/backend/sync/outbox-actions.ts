import type Database from 'better-sqlite3';
import type { ActionJournal } from '../../../db/desktop/action-journal';
import type { ApplicationRepository } from '../../../db/desktop/application-repository';
import type { JsonObject } from '../../../db/json-column';
import type { OutboxEntry, OutboxRepository } from '../../../db/desktop/outbox-repository';
import type { PublicAgent } from '../auth/auth-service';
import { UserFacingError } from '../errors';
import { serviceDossier } from '../review/service-dossier';
import { actionFacts } from './action-facts';

export interface OutboxActionsDeps {
  db: Database.Database;
  applications: ApplicationRepository;
  outbox: OutboxRepository;
  journal: ActionJournal;
  /** The portal's time as the workstation best knows it: actions are dated in it. */
  portalNow(): Date;
  /** A new action is waiting: sync soon. */
  onQueued?(): void;
  /** Called before and after the action's transaction; the fault tests stop the process there. */
  checkpoint?: (step: 'before-enqueue' | 'after-enqueue') => void;
}

/** The journal names actions in lower case: requestSupplement → request_supplement. */
const snakeCase = (type: string) => type.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The actions that leave the workstation. Each is written to the journal (its local trace) and
 * to the outbox in one transaction, with its idempotency key and the version of the dossier it
 * was decided on: the version the dossier will have once the actions already waiting on it are
 * applied, since each applied action raises it by one.
 */
export function createOutboxActions(deps: OutboxActionsDeps) {
  const { db, applications, outbox, journal } = deps;

  function enqueue(
    agent: PublicAgent,
    type: string,
    applicationNumber: string,
    payload: JsonObject,
    replaces?: OutboxEntry,
  ): OutboxEntry {
    deps.checkpoint?.('before-enqueue');
    const entry = db.transaction(() => {
      const application = serviceDossier(applications, agent, applicationNumber);
      const queued = outbox.enqueue({
        agentId: agent.id,
        type,
        applicationNumber,
        baseVersion: application.version + outbox.countPendingOn(applicationNumber),
        at: deps.portalNow(),
        payload,
        ...(replaces ? { replaces: replaces.id } : {}),
      });
      if (replaces) outbox.resolve(replaces.id, 'reapplied');
      journal.record({
        actorId: agent.id,
        action: `application.${snakeCase(type)}`,
        applicationNumber,
        details: {
          outboxId: queued.id,
          ...actionFacts(payload),
          ...(replaces ? { replaces: replaces.id } : {}),
        },
      });
      return queued;
    })();
    deps.checkpoint?.('after-enqueue');
    deps.onQueued?.();
    return entry;
  }

  return {
    enqueue: (
      agent: PublicAgent,
      type: string,
      applicationNumber: string,
      payload: JsonObject = {},
    ) => enqueue(agent, type, applicationNumber, payload),

    /**
     * The agent's choice on an action the portal did not apply: send it again on the dossier as it
     * is now, or drop it. Only its author may choose.
     */
    resolve(agent: PublicAgent, id: string, choice: 'reapply' | 'drop'): OutboxEntry | null {
      const entry = outbox.get(id);
      if (!entry || (entry.state !== 'conflict' && entry.state !== 'rejected') || entry.resolution)
        throw new UserFacingError('NOT_FOUND', "Cette action n'attend pas de décision.");
      if (entry.agentId !== agent.id)
        throw new UserFacingError(
          'FORBIDDEN',
          "Seul l'agent qui a fait cette action peut la renvoyer ou l'abandonner.",
        );
      if (choice === 'reapply')
        return enqueue(agent, entry.type, entry.applicationNumber, entry.payload, entry);
      db.transaction(() => {
        outbox.resolve(id, 'dropped');
        journal.record({
          actorId: agent.id,
          action: 'outbox.dropped',
          applicationNumber: entry.applicationNumber,
          details: { outboxId: id },
        });
      })();
      return null;
    },
  };
}

export type OutboxActions = ReturnType<typeof createOutboxActions>;

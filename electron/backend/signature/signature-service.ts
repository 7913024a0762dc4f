import type Database from 'better-sqlite3';
import type { ApplicationRepository } from '../../../db/desktop/application-repository';
import type { ApplicationEvent, HistoryRepository } from '../../../db/desktop/history-repository';
import type { OutboxRepository } from '../../../db/desktop/outbox-repository';
import type { ServiceSettingsRepository } from '../../../db/desktop/service-settings-repository';
import { fromJsonColumn } from '../../../db/json-column';
import type { PublicAgent } from '../auth/auth-service';
import { UserFacingError } from '../errors';
import { serviceDossier } from '../review/service-dossier';
import type { OutboxActions } from '../sync/outbox-actions';
import { signatureState, type DecisionKind } from './signature-state';

export interface SignatureDeps {
  db: Database.Database;
  applications: ApplicationRepository;
  history: HistoryRepository;
  outbox: OutboxRepository;
  actions: OutboxActions;
  serviceSettings: ServiceSettingsRepository;
}

export const COMMENT_MAX = 2000;

/**
 * Hierarchical validation (« À signer »): in a service where the portal says so, an agent's
 * decision is sent for the supervisor's signature instead of reaching the applicant; the
 * supervisor approves it (the portal then issues it) or returns it with a comment.
 */
export function createSignatures(deps: SignatureDeps) {
  const pending = (applicationNumber: string, type: string) =>
    deps.outbox
      .ofApplication(applicationNumber)
      .filter((entry) => entry.state === 'pending' && entry.type === type);

  const serviceEvents = deps.db.prepare<
    [string],
    Omit<ApplicationEvent, 'data'> & { data: string }
  >(`
    SELECT e.seq, e.application_number AS applicationNumber, e.type, e.version, e.at, e.data
    FROM application_events e JOIN applications a USING (application_number)
    WHERE a.service_code = ? AND e.type LIKE 'decision.%'
    ORDER BY e.application_number, e.seq`);

  return {
    /** An agent of a service with validation on sends decisions for signature. */
    required: (agent: PublicAgent) =>
      agent.role === 'agent' &&
      deps.serviceSettings.get(agent.serviceCode)?.decisionValidation === true,

    /** The waiting decision (sent, or still in the outbox), and the last one returned. */
    stateOf(applicationNumber: string) {
      const { waiting, returned } = signatureState(deps.history.eventsOf(applicationNumber));
      const queued = pending(applicationNumber, 'submitDecision').at(-1);
      const settled =
        pending(applicationNumber, 'approveDecision').length +
          pending(applicationNumber, 'returnDecision').length >
        0;
      return {
        waiting:
          waiting && !settled
            ? { ...waiting, unsent: false }
            : queued
              ? {
                  decisionId: null,
                  decision: queued.payload['decision'] as DecisionKind,
                  submittedBy: null,
                  at: queued.at,
                  payload: (queued.payload['payload'] ?? {}) as Record<string, unknown>,
                  unsent: true,
                }
              : null,
        returned: queued ? null : returned,
      };
    },

    /** The service's decisions waiting for the supervisor, oldest first. */
    toSign(supervisor: PublicAgent) {
      const byDossier = new Map<string, ApplicationEvent[]>();
      for (const row of serviceEvents.all(supervisor.serviceCode)) {
        const list = byDossier.get(row.applicationNumber) ?? [];
        list.push({ ...row, data: fromJsonColumn('data', row.data) });
        byDossier.set(row.applicationNumber, list);
      }
      return [...byDossier]
        .flatMap(([applicationNumber, events]) => {
          const { waiting } = signatureState(events);
          if (!waiting) return [];
          const application = deps.applications.get(applicationNumber);
          return [
            {
              ...waiting,
              applicationNumber,
              applicantName: application?.applicantName ?? '',
              // Approved or returned on this workstation, not sent yet.
              settling:
                pending(applicationNumber, 'approveDecision').length +
                  pending(applicationNumber, 'returnDecision').length >
                0,
            },
          ];
        })
        .sort((a, b) => (a.at < b.at ? -1 : 1));
    },

    /** Signs the waiting decision: the portal issues it to the applicant. */
    approve(supervisor: PublicAgent, applicationNumber: string, decisionId: string, comment = '') {
      waitingOf(supervisor, applicationNumber, decisionId);
      const text = comment.trim().slice(0, COMMENT_MAX);
      const entry = deps.actions.enqueue(supervisor, 'approveDecision', applicationNumber, {
        decisionId,
        ...(text ? { comment: text } : {}),
      });
      return { id: entry.id, state: entry.state };
    },

    /** Sends the decision back to its author with what to change. */
    returnDecision(
      supervisor: PublicAgent,
      applicationNumber: string,
      decisionId: string,
      comment: string,
    ) {
      waitingOf(supervisor, applicationNumber, decisionId);
      const text = comment.trim();
      if (text.length === 0 || text.length > COMMENT_MAX)
        throw new UserFacingError(
          'BAD_REQUEST',
          `Dites à l'agent ce qu'il faut revoir (${COMMENT_MAX} caractères au plus).`,
        );
      const entry = deps.actions.enqueue(supervisor, 'returnDecision', applicationNumber, {
        decisionId,
        comment: text,
      });
      return { id: entry.id, state: entry.state };
    },
  };

  function waitingOf(supervisor: PublicAgent, applicationNumber: string, decisionId: string) {
    serviceDossier(deps.applications, supervisor, applicationNumber);
    if (supervisor.role !== 'supervisor')
      throw new UserFacingError('FORBIDDEN', 'Réservé au chef de bureau.');
    const { waiting } = signatureState(deps.history.eventsOf(applicationNumber));
    const settling =
      pending(applicationNumber, 'approveDecision').length +
      pending(applicationNumber, 'returnDecision').length;
    if (!waiting || waiting.decisionId !== decisionId || settling > 0)
      throw new UserFacingError(
        'PRECONDITION_FAILED',
        "Cette décision n'attend pas (ou plus) votre signature : synchronisez pour voir où en est le dossier.",
      );
  }
}

export type Signatures = ReturnType<typeof createSignatures>;

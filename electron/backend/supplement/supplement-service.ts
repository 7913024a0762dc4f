import type {
  ApplicationRepository,
  ApplicationRow,
} from '../../../db/desktop/application-repository';
import type { HistoryRepository } from '../../../db/desktop/history-repository';
import type { OutboxEntry, OutboxRepository } from '../../../db/desktop/outbox-repository';
import type { ReviewRepository } from '../../../db/desktop/review-repository';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { isProcedureKey, PROCEDURES } from '../../../shared/procedures/catalogue';
import { DOCUMENTS, type DocumentKey } from '../../../shared/procedures/documents';
import { supplementRequestNotification } from '../../../shared/texts/notifications';
import { observationTemplates } from '../../../shared/texts/observation-templates';
import { transition, type ApplicationEvent } from '../../../shared/workflow/transitions';
import type { PublicAgent } from '../auth/auth-service';
import { UserFacingError } from '../errors';
import { projectedStatus } from '../instruction/projected-status';
import { requiredFileDocuments } from '../review/required-documents';
import { serviceDossier } from '../review/service-dossier';
import type { OutboxActions } from '../sync/outbox-actions';
import { supplementReading } from './supplement-reading';
import {
  supplementReadAt,
  supplementRounds,
  type RequestedItem,
  type SupplementRound,
} from './supplement-rounds';

export interface SupplementDeps {
  applications: ApplicationRepository;
  outbox: OutboxRepository;
  review: ReviewRepository;
  history: HistoryRepository;
  actions: OutboxActions;
  /** The portal's time: the 30 days are counted in its Paris days. */
  portalNow(): Date;
}

const SUPPLEMENT_ACTIONS = ['requestSupplement', 'amendSupplement', 'withdrawSupplement'];
export const OBSERVATION_MAX = 2000;

const labelOf = (key: string) => DOCUMENTS[key as DocumentKey]?.label ?? key;

/**
 * The supplement requests of a dossier (« Demande de complément »): a draft from the documents
 * judged « À compléter », the notification as the applicant will read it, sending, amending or
 * withdrawing while unread, and where the applicant stands (read, deadline, answers).
 * Every action goes through the outbox; the portal applies it and its log tells the rest.
 */
export function createSupplements(deps: SupplementDeps) {
  const dossier = (agent: PublicAgent, applicationNumber: string) =>
    serviceDossier(deps.applications, agent, applicationNumber);

  const waiting = (applicationNumber: string) =>
    deps.outbox.ofApplication(applicationNumber).filter((entry) => entry.state === 'pending');

  function availability(agent: PublicAgent, application: ApplicationRow, event: ApplicationEvent) {
    const number = application.applicationNumber;
    const outcome = transition(projectedStatus(application, waiting(number)), event, agent.role, {
      at: deps.portalNow(),
      supplementReadAt: supplementReadAt(deps.history.eventsOf(number)),
    });
    return outcome.ok
      ? { allowed: true, reason: null }
      : { allowed: false, reason: outcome.error.message };
  }

  /** The documents of this dossier a request may name: the required ones and any filed. */
  function requestable(application: ApplicationRow) {
    const data = application.data as { dossier?: unknown; procedure?: unknown };
    const procedure = isProcedureKey(application.procedure)
      ? PROCEDURES[application.procedure]
      : null;
    const required = new Set(
      requiredFileDocuments(data.dossier, parisDateOf(new Date(application.submittedAt))).map(
        (document) => document.key,
      ),
    );
    const filed = new Set(
      deps.history.documentVersionsOf(application.applicationNumber).map((v) => v.documentKey),
    );
    return (procedure?.documents ?? [])
      .filter((d) => d.input === 'files' && (required.has(d.key) || filed.has(d.key)))
      .map((d) => ({ key: d.key, label: d.label, templates: observationTemplates(d.key) }));
  }

  /** Trimmed, known, one per document: a refusal names the document. */
  function checkedItems(application: ApplicationRow, items: readonly RequestedItem[]) {
    if (items.length === 0)
      throw new UserFacingError('BAD_REQUEST', 'Indiquez au moins un justificatif à compléter.');
    const allowed = new Set<string>(requestable(application).map((d) => d.key));
    const seen = new Set<string>();
    return items.map(({ documentKey, observation }) => {
      const text = observation.trim();
      if (!allowed.has(documentKey))
        throw new UserFacingError(
          'BAD_REQUEST',
          `Le justificatif « ${labelOf(documentKey)} » ne peut pas être demandé pour ce dossier.`,
        );
      if (seen.has(documentKey))
        throw new UserFacingError(
          'BAD_REQUEST',
          `Le justificatif « ${labelOf(documentKey)} » est demandé deux fois : regroupez les observations.`,
        );
      seen.add(documentKey);
      if (text.length === 0 || text.length > OBSERVATION_MAX)
        throw new UserFacingError(
          'BAD_REQUEST',
          `L'observation sur « ${labelOf(documentKey)} » est obligatoire (${OBSERVATION_MAX} caractères au plus) : le demandeur la lira.`,
        );
      return { documentKey, observation: text };
    });
  }

  /** The files of each document's latest version: the request lists them by name. */
  function latestFileNames(applicationNumber: string): Map<string, string[]> {
    const latest = new Map<string, { version: number; names: string[] }>();
    for (const version of deps.history.documentVersionsOf(applicationNumber)) {
      const known = latest.get(version.documentKey);
      if (!known || version.version > known.version)
        latest.set(version.documentKey, {
          version: version.version,
          names: version.files.map((file) => file.name),
        });
    }
    return new Map([...latest].map(([key, { names }]) => [key, names]));
  }

  function enqueue(
    agent: PublicAgent,
    applicationNumber: string,
    event: 'requestSupplement' | 'amendSupplement' | 'withdrawSupplement',
    items?: readonly RequestedItem[],
  ) {
    const application = dossier(agent, applicationNumber);
    const checked = items ? checkedItems(application, items) : undefined;
    const { allowed, reason } = availability(agent, application, event);
    if (!allowed) throw new UserFacingError('PRECONDITION_FAILED', reason ?? '');
    const entry = deps.actions.enqueue(
      agent,
      event,
      applicationNumber,
      checked ? { items: checked } : {},
    );
    return { id: entry.id, state: entry.state };
  }

  /** The request still in the outbox, not yet applied by the portal. */
  function unsent(entries: readonly OutboxEntry[]) {
    const last = entries.filter((entry) => SUPPLEMENT_ACTIONS.includes(entry.type)).at(-1);
    if (!last) return null;
    return {
      type: last.type as 'requestSupplement' | 'amendSupplement' | 'withdrawSupplement',
      at: last.at,
      items: Array.isArray(last.payload['items'])
        ? (last.payload['items'] as unknown as RequestedItem[]).map(withLabel)
        : [],
    };
  }

  const withLabel = (item: RequestedItem) => ({
    ...item,
    documentLabel: labelOf(item.documentKey),
  });

  /** A round as the screen shows it: each document with the applicant's answer, if any. */
  function roundView(
    round: SupplementRound,
    versions: ReturnType<HistoryRepository['documentVersionsOf']>,
  ) {
    const reading = supplementReading(round, deps.portalNow());
    return {
      supplementRequestId: round.supplementRequestId,
      requestedAt: round.requestedAt,
      requestedBy: round.requestedBy,
      withdrawnAt: round.withdrawnAt,
      amended: round.amends !== null,
      readAt: round.readAt,
      answeredAt: round.answeredAt,
      reading: reading.label,
      deadline: reading.deadline,
      overdue: reading.overdue,
      items: round.items.map((item) => {
        const answer = round.answers.find((a) => a.documentKey === item.documentKey) ?? null;
        // The version the update replaced: the latest one before it, to compare side by side.
        const previousVersion =
          answer?.action === 'update'
            ? (versions
                .filter(
                  (v) => v.documentKey === item.documentKey && v.version < answer.documentVersion,
                )
                .map((v) => v.version)
                .sort((a, b) => b - a)[0] ?? null)
            : null;
        return { ...withLabel(item), answer: answer ? { ...answer, previousVersion } : null };
      }),
    };
  }

  return {
    /** Everything the « Complément » tab shows and offers. */
    state(agent: PublicAgent, applicationNumber: string) {
      const application = dossier(agent, applicationNumber);
      const rounds = supplementRounds(deps.history.eventsOf(applicationNumber));
      const versions = deps.history.documentVersionsOf(applicationNumber);
      const documents = requestable(application);
      const keys = new Set<string>(documents.map((d) => d.key));
      const draft = deps.review
        .verdictsOf(applicationNumber)
        .filter((v) => v.verdict === 'incomplete' && keys.has(v.documentKey))
        .sort(
          (a, b) =>
            documents.findIndex((d) => d.key === a.documentKey) -
            documents.findIndex((d) => d.key === b.documentKey),
        )
        .map((v) => withLabel({ documentKey: v.documentKey, observation: v.observation ?? '' }));
      const views = rounds.map((round) => roundView(round, versions)).reverse();
      return {
        status: projectedStatus(application, waiting(applicationNumber)),
        documents,
        draft,
        unsent: unsent(waiting(applicationNumber)),
        current: views[0] ?? null,
        earlier: views.slice(1),
        request: availability(agent, application, 'requestSupplement'),
        amend: availability(agent, application, 'amendSupplement'),
        withdraw: availability(agent, application, 'withdrawSupplement'),
      };
    },

    /** The notification exactly as the applicant will read it in « Mes Notifications ». */
    preview(agent: PublicAgent, applicationNumber: string, items: readonly RequestedItem[]) {
      const application = dossier(agent, applicationNumber);
      const checked = checkedItems(application, items);
      const names = latestFileNames(applicationNumber);
      const applicant = (application.data as { applicant?: { displayName?: unknown } }).applicant;
      const displayName =
        typeof applicant?.displayName === 'string'
          ? applicant.displayName
          : application.applicantName;
      const {
        title,
        before,
        items: paragraphs,
        after,
      } = supplementRequestNotification({
        displayName,
        items: checked.map((item) => ({
          documentLabel: labelOf(item.documentKey),
          fileNames: names.get(item.documentKey) ?? [],
          observation: item.observation,
        })),
      });
      return { title, before, items: paragraphs, after };
    },

    send: (agent: PublicAgent, applicationNumber: string, items: readonly RequestedItem[]) =>
      enqueue(agent, applicationNumber, 'requestSupplement', items),

    /** Replaces the request the applicant has not opened yet (a new notification in its place). */
    amend: (agent: PublicAgent, applicationNumber: string, items: readonly RequestedItem[]) =>
      enqueue(agent, applicationNumber, 'amendSupplement', items),

    withdraw: (agent: PublicAgent, applicationNumber: string) =>
      enqueue(agent, applicationNumber, 'withdrawSupplement'),
  };
}

export type Supplements = ReturnType<typeof createSupplements>;

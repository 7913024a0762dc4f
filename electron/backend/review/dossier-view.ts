import { daysRemaining } from '../../../shared/dates/deadlines';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { DOCUMENTS, type DocumentKey } from '../../../shared/procedures/documents';
import { observationTemplates } from '../../../shared/texts/observation-templates';
import { eventLabel } from '../../../shared/workflow/action-labels';
import { DEADLINE_KIND_LABELS, runningDeadlines } from '../../../shared/workflow/dossier-deadlines';
import { STATUS_LABELS } from '../../../shared/workflow/statuses';
import type { Backend } from '../backend';
import type { PublicAgent } from '../auth/auth-service';
import { actionsSince, historyEntries } from './history-entries';
import { requiredFileDocuments } from './required-documents';
import { serviceDossier } from './service-dossier';

/**
 * Everything the dossier view shows, assembled from the local mirror: the header with its running
 * deadlines, the dossier as submitted, each document with every version and its files (and whether
 * they are on this workstation), the agent's review work, the history and the actions waiting.
 */
export function dossierView(
  backend: Backend,
  agent: PublicAgent,
  applicationNumber: string,
  now: Date,
) {
  const application = serviceDossier(backend.applications, agent, applicationNumber);
  const data = application.data as Record<string, unknown>;
  const queueRow = backend.queue.page({
    serviceCode: agent.serviceCode,
    agentId: agent.id,
    tab: 'all',
    today: '1970-01-01',
    withinDays: 0,
    search: applicationNumber,
    sort: 'submittedAt',
    direction: 'asc',
    limit: 1,
    offset: 0,
  }).rows[0];
  const facts = backend.applications.deadlineFactsOf(applicationNumber);
  const deadlines = facts
    ? runningDeadlines(facts).map((deadline) => ({
        ...deadline,
        label: DEADLINE_KIND_LABELS[deadline.kind],
        daysLeft: daysRemaining(deadline.date, now),
      }))
    : [];

  const versions = backend.history.documentVersionsOf(applicationNumber);
  const events = backend.history.eventsOf(applicationNumber);
  const verdicts = new Map(
    backend.review.verdictsOf(applicationNumber).map((v) => [v.documentKey, v]),
  );
  // The catalogue's order: required documents first as the form asks for them, even those never
  // filed (a supplement request will ask for them), then the optional ones that were filed.
  const required = requiredFileDocuments(
    data.dossier,
    parisDateOf(new Date(application.submittedAt)),
  );
  const filed = [...new Set(versions.map((version) => version.documentKey))];
  const keys = [...new Set([...required.map((document) => document.key), ...filed])];
  const reasons = new Map(required.map((document) => [document.key as string, document.reason]));
  const documents = keys.map((key) => ({
    key,
    label: DOCUMENTS[key as DocumentKey]?.label ?? key,
    required: reasons.has(key),
    requiredReason: reasons.get(key) ?? null,
    verdict: verdicts.get(key) ?? null,
    observationTemplates: observationTemplates(key),
    versions: versions
      .filter((version) => version.documentKey === key)
      .map((version) => ({
        ...version,
        files: version.files.map((file) => ({
          ...file,
          state: backend.files.get(file.sha256)?.state ?? 'missing',
        })),
      })),
  }));
  const agentName = (id: string | null) =>
    id ? (backend.agents.findById(id)?.displayName ?? null) : null;

  return {
    header: {
      applicationNumber,
      foreignerNumber: application.foreignerNumber,
      applicantName: application.applicantName,
      nationality: queueRow?.nationality ?? '',
      procedure: application.procedure,
      applicationType: typeof data.applicationType === 'string' ? data.applicationType : null,
      status: application.status,
      statusLabel: STATUS_LABELS[application.status],
      version: application.version,
      submittedAt: application.submittedAt,
      assignedAgentId: application.assignedAgentId,
      assigneeName: agentName(application.assignedAgentId),
      deadlines,
      implicitRejectionOn: queueRow?.implicitRejectionOn ?? null,
    },
    /** The dossier as the applicant submitted it (shared/dossier's SubmittedDossier). */
    dossier: (data.dossier ?? {}) as Record<string, unknown>,
    applicant: (data.applicant ?? null) as { displayName: string; email: string } | null,
    confirmation: (data.confirmation ?? null) as { sha256: string; name: string } | null,
    documents,
    notes: backend.review.notesOf(applicationNumber).map((note) => ({
      ...note,
      agentName: agentName(note.agentId),
      mine: note.agentId === agent.id,
    })),
    highlights: backend.review.highlightsOf(applicationNumber).map((highlight) => ({
      ...highlight,
      agentName: agentName(highlight.agentId),
      mine: highlight.agentId === agent.id,
    })),
    history: historyEntries(events),
    /** This workstation's audit trail on the dossier (who did what here), newest first. */
    journal: backend.audit
      .ofDossier(agent, applicationNumber, 100)
      .map(({ id, at, actorName, label, detailsText }) => ({
        id,
        at,
        actorName,
        label,
        detailsText,
      })),
    outbox: backend.outbox.ofApplication(applicationNumber).map((entry) => ({
      id: entry.id,
      type: entry.type,
      label: eventLabel(entry.type),
      state: entry.state,
      reason: entry.reason,
      at: entry.at,
      agentName: agentName(entry.agentId),
      resolution: entry.resolution,
      /** For a conflict: what others did since the version it was decided on. */
      othersSince: entry.state === 'conflict' ? actionsSince(events, entry.baseVersion) : [],
    })),
  };
}

export type DossierView = ReturnType<typeof dossierView>;

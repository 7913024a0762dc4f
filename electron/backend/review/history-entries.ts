import type { ApplicationEvent } from '../../../db/desktop/history-repository';
import { eventLabel } from '../../../shared/workflow/action-labels';

/** Who did a change, as the history shows it. */
function actorOf(data: Record<string, unknown>, type: string): string {
  const actor = data.actor as { name?: unknown; kind?: unknown } | undefined;
  if (typeof actor?.name === 'string') return actor.name;
  if (type === 'application.submitted' && typeof data.applicantName === 'string')
    return data.applicantName;
  if (type === 'notification.read' || type === 'supplement.answered') return 'Le demandeur';
  // The signature's steps name who acted: the author, the supervisor who signed or returned.
  for (const key of ['approvedBy', 'returnedBy', 'submittedBy', 'by']) {
    const person = data[key] as { name?: unknown } | undefined;
    if (typeof person?.name === 'string') return person.name;
  }
  return 'Portail';
}

const CHANGE_LABELS: Readonly<Record<string, string>> = {
  'application.submitted': 'Dépôt de la demande',
  'assignment.changed': 'Attribution du dossier',
  'supplement.answered': 'Réponse du demandeur à la demande de complément',
  'notification.read': 'Notification ouverte par le demandeur',
  'decision.submitted': 'Décision envoyée à la signature du chef de bureau',
  'decision.approved': 'Décision signée par le chef de bureau',
  'decision.returned': 'Décision renvoyée par le chef de bureau',
};

/**
 * The portal writes a detail entry before the `application.updated` of some events, with the same
 * version. The detail says more (to whom, why), so the update it already tells is not shown again.
 */
const TOLD_BY_DETAIL: Readonly<Record<string, string>> = {
  assign: 'assignment.changed',
  submitDecision: 'decision.submitted',
  returnDecision: 'decision.returned',
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The line under an entry: to whom a dossier was given and why, a supervisor's comment. */
function detailOf(type: string, data: Record<string, unknown>): string | null {
  if (type === 'assignment.changed') {
    const to = text(data.assignedAgentName);
    const reason = text(data.reason);
    if (to && reason) return `À ${to} — motif : ${reason}`;
    if (to) return `À ${to}`;
    return reason ? `Motif : ${reason}` : null;
  }
  if (type === 'decision.returned' || type === 'decision.approved') {
    const comment = text(data.comment);
    return comment ? `Commentaire : ${comment}` : null;
  }
  return null;
}

/** The dossier's history as the agent reads it, in the portal's order. */
export function historyEntries(events: readonly ApplicationEvent[]) {
  const details = new Set(events.map((event) => `${event.type}@${event.version}`));
  return events
    .filter((event) => {
      if (event.type !== 'application.updated') return true;
      const told = TOLD_BY_DETAIL[String(event.data.event)];
      return !(told && details.has(`${told}@${event.version}`));
    })
    .map((event) => {
      const name = typeof event.data.event === 'string' ? event.data.event : null;
      return {
        seq: event.seq,
        at: event.at,
        type: event.type,
        version: event.version,
        label: name ? eventLabel(name) : (CHANGE_LABELS[event.type] ?? event.type),
        actorName: actorOf(event.data, event.type),
        detail: detailOf(event.type, event.data),
        data: event.data,
      };
    });
}

/** What others did to a dossier after the version an action was decided on: why it conflicts. */
export function actionsSince(events: readonly ApplicationEvent[], baseVersion: number) {
  return events
    .filter((event) => event.type === 'application.updated' && event.version > baseVersion)
    .map((event) => {
      const name = String(event.data.event ?? '');
      const actor = event.data.actor as { name?: unknown } | undefined;
      return {
        event: name,
        label: eventLabel(name),
        actorName: typeof actor?.name === 'string' ? actor.name : 'inconnu',
        at: event.at,
        version: event.version,
      };
    });
}

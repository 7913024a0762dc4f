import type { IsoDate } from '../dates/calendar-date';
import { implicitRejectionDate } from '../dates/deadlines';
import { isTerminal, type ApplicationStatus } from './statuses';

/** The deadlines that can run on a dossier, as the queue names them. */
export type DeadlineKind = 'supplement' | 'prolongation' | 'implicit_rejection';

export const DEADLINE_KIND_LABELS: Readonly<Record<DeadlineKind, string>> = {
  supplement: 'Réponse au complément',
  prolongation: "Fin de l'attestation de prolongation",
  implicit_rejection: 'Rejet implicite',
};

/** What the history tells about a dossier's deadlines (all calendar dates, Paris). */
export interface DeadlineFacts {
  status: ApplicationStatus;
  /** The day the dossier was complete: its submission, or the last answer to a supplement request. */
  completeOn: IsoDate | null;
  /** Last day to answer the pending supplement request, once the applicant opened it. */
  supplementDeadline: IsoDate | null;
  /** Last valid day of the latest prolongation attestation. */
  prolongationValidTo: IsoDate | null;
}

export interface RunningDeadline {
  kind: DeadlineKind;
  date: IsoDate;
}

/**
 * The deadlines running on a dossier, soonest first. None once it is decided or closed. While a
 * supplement request waits for its answer the dossier is incomplete: the four months of the
 * implicit rejection start again from the answer (CRPA L114-5), so they are not shown meanwhile;
 * an unread request has no deadline yet (the 30 days start when the applicant opens it).
 */
export function runningDeadlines(facts: DeadlineFacts): RunningDeadline[] {
  if (isTerminal(facts.status)) return [];
  const running: RunningDeadline[] = [];
  const waitingForApplicant = facts.status === 'supplement_requested';
  if (waitingForApplicant && facts.supplementDeadline)
    running.push({ kind: 'supplement', date: facts.supplementDeadline });
  if (facts.prolongationValidTo)
    running.push({ kind: 'prolongation', date: facts.prolongationValidTo });
  if (!waitingForApplicant && facts.completeOn)
    running.push({ kind: 'implicit_rejection', date: implicitRejectionDate(facts.completeOn) });
  return running.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

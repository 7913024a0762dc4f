import { addDays, daysBetween, isAfter, type IsoDate } from '../../../shared/dates/calendar-date';
import { SUPPLEMENT_ANSWER_DAYS } from '../../../shared/dates/deadlines';
import { formatFrenchDate } from '../../../shared/dates/format';
import { parisDateOf } from '../../../shared/dates/paris-time';
import type { SupplementRound } from './supplement-rounds';

/** Where the applicant stands with a request: the line the dossier shows beside it. */
export interface SupplementReading {
  /** « non lue depuis 3 jours », « lue le 02/11/2026 — réponse attendue avant le 02/12/2026 »… */
  label: string;
  /** The last day to answer (the reading day + 30), once opened. */
  deadline: IsoDate | null;
  /** Opened, not answered, and the last day to answer is over: the dossier may be closed. */
  overdue: boolean;
}

function days(count: number): string {
  return count === 1 ? '1 jour' : `${count} jours`;
}

/**
 * The agent's view of a sent request. The 30 days run from the Paris day the applicant opened
 * the notification (the acknowledgment of receipt); an unread request has no deadline yet.
 */
export function supplementReading(round: SupplementRound, now: Date): SupplementReading {
  const today = parisDateOf(now);
  if (round.withdrawnAt)
    return {
      label: `retirée le ${formatFrenchDate(parisDateOf(new Date(round.withdrawnAt)))}`,
      deadline: null,
      overdue: false,
    };
  if (!round.readAt) {
    const unread = Math.max(0, daysBetween(parisDateOf(new Date(round.requestedAt)), today));
    return {
      label: unread === 0 ? "non lue, envoyée aujourd'hui" : `non lue depuis ${days(unread)}`,
      deadline: null,
      overdue: false,
    };
  }
  const readOn = parisDateOf(new Date(round.readAt));
  const deadline = addDays(readOn, SUPPLEMENT_ANSWER_DAYS);
  const read = `lue le ${formatFrenchDate(readOn)}`;
  if (round.answeredAt)
    return {
      label: `${read} — réponse reçue le ${formatFrenchDate(parisDateOf(new Date(round.answeredAt)))}`,
      deadline,
      overdue: false,
    };
  if (isAfter(today, deadline))
    return {
      label: `${read} — sans réponse, délai expiré le ${formatFrenchDate(deadline)}`,
      deadline,
      overdue: true,
    };
  return {
    label: `${read} — réponse attendue avant le ${formatFrenchDate(deadline)}`,
    deadline,
    overdue: false,
  };
}

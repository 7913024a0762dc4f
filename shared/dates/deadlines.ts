/**
 * Every deadline and validity of the procedure, in one place, so the portal, the backend, the
 * attestations and the screens agree to the day. Calendar dates are 'yyyy-mm-dd'; instants become
 * dates on the Paris clock (paris-time.ts).
 */
import { addDays, addMonthsClamped, daysBetween, isAfter, type IsoDate } from './calendar-date';
import { parisDateOf } from './paris-time';
import { periodOfMonths, type Period } from './periods';

/** « Si vous n'apportez pas les compléments nécessaires dans un délai de 30 jours après avoir pris connaissance de ce message… » */
export const SUPPLEMENT_ANSWER_DAYS = 30;

/** The prolongation attestation is valid 3 months from its issue date (17/09/2023 → 16/12/2023). */
export const PROLONGATION_MONTHS = 3;

/** CESEDA R432-2: four months of silence on a residence-permit application is an implicit rejection. */
export const IMPLICIT_REJECTION_MONTHS = 4;

/** How many days before a validity ends the agent is warned (long enough to renew in a batch). */
export const EXPIRY_WARNING_DAYS = 15;

/**
 * Last day to answer a supplement request: the Paris date on which the applicant opened the
 * notification (the acknowledgment of receipt) + 30 days. Answers are on time through that whole day.
 */
export function supplementDeadline(readAt: Date): IsoDate {
  return addDays(parisDateOf(readAt), SUPPLEMENT_ANSWER_DAYS);
}

/** True once the Paris date of `now` is after the deadline day. */
export function isSupplementDeadlinePassed(readAt: Date, now: Date): boolean {
  return isAfter(parisDateOf(now), supplementDeadline(readAt));
}

/** Validity of an « Attestation de prolongation d'instruction » issued on `issueDate`. */
export function prolongationValidity(issueDate: IsoDate): Period {
  return periodOfMonths(issueDate, PROLONGATION_MONTHS);
}

/**
 * Validity of the card granted by a favourable decision on `decisionDate`: from the next day, for
 * the procedure's duration (17/09/2023 → 18/09/2023 to 17/09/2024; 28/02/2023 → 01/03/2023 to 29/02/2024).
 */
export function cardValidity(decisionDate: IsoDate, durationMonths: number): Period {
  return periodOfMonths(addDays(decisionDate, 1), durationMonths);
}

/**
 * The date on which four months of silence have elapsed since the application became complete,
 * i.e. the implicit rejection (CESEDA R432-2). Reading: the period runs from the day after receipt
 * and ends at the end of the day with the same number four months later (clamped to the month's
 * last day: 31/10/2023 → 29/02/2024). We return that day; a decision taken on it is still in time,
 * from the next day the applicant holds an implicit rejection.
 * `completeOn` is the submission date when the dossier was complete, otherwise the date the last
 * missing piece was received (CRPA L114-5): the caller knows which.
 */
export function implicitRejectionDate(completeOn: IsoDate): IsoDate {
  return addMonthsClamped(completeOn, IMPLICIT_REJECTION_MONTHS);
}

/** Calendar days from today (Paris) to `validTo`: 0 on the last valid day, negative once expired. */
export function daysRemaining(validTo: IsoDate, now: Date): number {
  return daysBetween(parisDateOf(now), validTo);
}

export type ExpiryState = 'valid' | 'expiringSoon' | 'expired';

/** For warnings before a prolongation attestation (or any validity) runs out. */
export function expiryState(
  validTo: IsoDate,
  now: Date,
  warningDays = EXPIRY_WARNING_DAYS,
): ExpiryState {
  const remaining = daysRemaining(validTo, now);
  if (remaining < 0) return 'expired';
  return remaining <= warningDays ? 'expiringSoon' : 'valid';
}

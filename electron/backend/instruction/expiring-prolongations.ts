import type Database from 'better-sqlite3';
import { addDays, daysBetween, type IsoDate } from '../../../shared/dates/calendar-date';
import { TERMINAL_STATUSES, type ApplicationStatus } from '../../../shared/workflow/statuses';

export interface ExpiringProlongation {
  applicationNumber: string;
  foreignerNumber: string;
  applicantName: string;
  status: ApplicationStatus;
  assignedAgentId: string | null;
  /** Last valid day of the latest prolongation attestation the portal confirmed. */
  validTo: IsoDate;
  /** 0 on the last valid day, negative once expired. */
  daysLeft: number;
  /** A renewal waits in the outbox (issued here, not yet confirmed by the portal). */
  renewalPending: boolean;
}

const TERMINAL = TERMINAL_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * The open dossiers of a service whose prolongation attestation ends within `withinDays` days of
 * `today`, expired ones included (those most of all), soonest first: an applicant whose attestation
 * lapses is left without proof of stay.
 */
export function createExpiringProlongations(db: Database.Database) {
  const select = db.prepare<
    { serviceCode: string; horizon: string },
    Omit<ExpiringProlongation, 'daysLeft' | 'renewalPending'> & { renewalPending: number }
  >(`
    SELECT a.application_number AS applicationNumber, a.foreigner_number AS foreignerNumber,
           a.applicant_name AS applicantName, a.status, a.assigned_agent_id AS assignedAgentId,
           a.prolongation_valid_to AS validTo,
           EXISTS (SELECT 1 FROM outbox o WHERE o.application_number = a.application_number
                     AND o.state = 'pending' AND o.type = 'issueProlongation') AS renewalPending
    FROM applications a
    WHERE a.service_code = @serviceCode AND a.prolongation_valid_to <= @horizon
      AND a.status NOT IN (${TERMINAL})
    ORDER BY a.prolongation_valid_to, a.application_number`);

  return (serviceCode: string, today: IsoDate, withinDays: number): ExpiringProlongation[] =>
    select.all({ serviceCode, horizon: addDays(today, withinDays) }).map((row) => ({
      ...row,
      daysLeft: daysBetween(today, row.validTo),
      renewalPending: row.renewalPending === 1,
    }));
}

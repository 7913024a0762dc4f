import type Database from 'better-sqlite3';
import { addDays, type IsoDate } from '../../../shared/dates/calendar-date';
import { EXPIRY_WARNING_DAYS } from '../../../shared/dates/deadlines';
import { TERMINAL_STATUSES } from '../../../shared/workflow/statuses';

/** One agent's open dossiers (or the unassigned ones: agentId null), as the supervisor weighs them. */
export interface AgentWorkload {
  agentId: string | null;
  open: number;
  /** A supplement request waits for the applicant's answer. */
  waitingApplicant: number;
  /** The next running deadline (supplement, prolongation, implicit rejection) is past. */
  overdue: number;
  /** The prolongation attestation ends within 15 days, or has ended. */
  expiringSoon: number;
  /** Four months passed since the dossier was complete: an implicit rejection may be invoked. */
  implicitRejectionPassed: number;
}

/** How long the open dossiers have waited since submission, in 30-day steps up to four months. */
export interface AgeBucket {
  /** Days since submission, from (inclusive) to (exclusive; null: no end). */
  fromDays: number;
  toDays: number | null;
  count: number;
}

const AGE_STEPS = [0, 30, 60, 90, 120];
const TERMINAL = TERMINAL_STATUSES.map((status) => `'${status}'`).join(', ');

/** The service's open dossiers per agent, and their ages: one pass of SQL each, by index. */
export function createWorkloadQueries(db: Database.Database) {
  const perAgent = db.prepare<
    { serviceCode: string; today: IsoDate; soon: IsoDate },
    AgentWorkload
  >(`
    SELECT assigned_agent_id AS agentId,
      COUNT(*) AS open,
      COALESCE(SUM(status = 'supplement_requested'), 0) AS waitingApplicant,
      COALESCE(SUM(next_deadline_on IS NOT NULL AND next_deadline_on < @today), 0) AS overdue,
      COALESCE(SUM(prolongation_valid_to IS NOT NULL AND prolongation_valid_to <= @soon), 0)
        AS expiringSoon,
      COALESCE(SUM(implicit_rejection_on IS NOT NULL AND implicit_rejection_on < @today), 0)
        AS implicitRejectionPassed
    FROM applications
    WHERE service_code = @serviceCode AND status NOT IN (${TERMINAL})
    GROUP BY assigned_agent_id
    ORDER BY open DESC`);

  const ages = db.prepare<
    { serviceCode: string; today: IsoDate },
    { days: number; count: number }
  >(`
    SELECT CAST(julianday(@today) - julianday(COALESCE(submitted_on, substr(submitted_at, 1, 10))) AS INTEGER) AS days,
      COUNT(*) AS count
    FROM applications
    WHERE service_code = @serviceCode AND status NOT IN (${TERMINAL})
    GROUP BY days`);

  return {
    perAgent: (serviceCode: string, today: IsoDate): AgentWorkload[] =>
      perAgent.all({ serviceCode, today, soon: addDays(today, EXPIRY_WARNING_DAYS) }),

    ages(serviceCode: string, today: IsoDate): AgeBucket[] {
      const buckets: AgeBucket[] = AGE_STEPS.map((fromDays, index) => ({
        fromDays,
        toDays: AGE_STEPS[index + 1] ?? null,
        count: 0,
      }));
      for (const { days, count } of ages.all({ serviceCode, today })) {
        const bucket = [...buckets].reverse().find((b) => days >= b.fromDays) ?? buckets[0]!;
        bucket.count += count;
      }
      return buckets;
    },
  };
}

export type WorkloadQueries = ReturnType<typeof createWorkloadQueries>;

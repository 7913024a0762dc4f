import type Database from 'better-sqlite3';
import { addDays, type IsoDate } from '../../../shared/dates/calendar-date';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../shared/workflow/statuses';

/** How many of the service's dossiers were in each status at the end of one day. */
export interface StatusSnapshot {
  on: IsoDate;
  counts: Record<ApplicationStatus, number>;
}

const isStatus = (value: unknown): value is ApplicationStatus =>
  (APPLICATION_STATUSES as readonly unknown[]).includes(value);

const zero = () =>
  Object.fromEntries(APPLICATION_STATUSES.map((status) => [status, 0])) as Record<
    ApplicationStatus,
    number
  >;

/**
 * The counts by status at the end of each of the last `weeks` weeks, replayed from the portal's
 * log kept in the history (each `application.updated` carries the status it led to): one ordered
 * scan of the service's events, then each dossier's timeline read at each week's end.
 */
export function createStatusTrend(db: Database.Database) {
  const dossiers = db.prepare<[string], { applicationNumber: string; submittedAt: string }>(`
    SELECT application_number AS applicationNumber, submitted_at AS submittedAt
    FROM applications WHERE service_code = ?`);
  const updates = db.prepare<[string], { applicationNumber: string; at: string; status: unknown }>(`
    SELECT e.application_number AS applicationNumber, e.at AS at,
      json_extract(e.data, '$.status') AS status
    FROM application_events e JOIN applications a USING (application_number)
    WHERE a.service_code = ? AND e.type = 'application.updated'
    ORDER BY e.application_number, e.seq`);

  return (serviceCode: string, today: IsoDate, weeks = 12): StatusSnapshot[] => {
    const ends = Array.from({ length: weeks }, (_, index) =>
      addDays(today, -7 * (weeks - 1 - index)),
    );
    const snapshots = ends.map((on) => ({ on, counts: zero() }));
    const timelines = new Map<string, { on: IsoDate; status: ApplicationStatus }[]>();
    for (const { applicationNumber, submittedAt } of dossiers.all(serviceCode))
      timelines.set(applicationNumber, [
        { on: parisDateOf(new Date(submittedAt)), status: 'submitted' },
      ]);
    for (const { applicationNumber, at, status } of updates.iterate(serviceCode)) {
      if (isStatus(status))
        timelines.get(applicationNumber)?.push({ on: parisDateOf(new Date(at)), status });
    }
    for (const timeline of timelines.values()) {
      let index = 0;
      let current: ApplicationStatus | null = null;
      for (const snapshot of snapshots) {
        while (index < timeline.length && timeline[index]!.on <= snapshot.on) {
          current = timeline[index]!.status;
          index += 1;
        }
        if (current) snapshot.counts[current] += 1;
      }
    }
    return snapshots;
  };
}

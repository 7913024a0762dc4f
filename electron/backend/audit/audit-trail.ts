import type Database from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import { addDays, toParts, type IsoDate } from '../../../shared/dates/calendar-date';
import { PARIS_TIME_ZONE } from '../../../shared/dates/paris-time';
import type { ActionJournal } from '../../../db/desktop/action-journal';
import type { AgentRepository } from '../../../db/desktop/agent-repository';
import {
  createAuditQuery,
  type AuditEntry,
  type AuditFilter,
} from '../../../db/desktop/audit-query';
import { purgeJournal, type JournalPurge } from '../../../db/desktop/journal-retention';
import { toStoredInstant } from '../../../db/instant';
import type { JsonObject } from '../../../db/json-column';
import type { PublicAgent } from '../auth/auth-service';
import type { ExportedFile, ExportFormat } from '../queue-export/export-view';
import { actionLabel } from './action-labels';
import { auditExportFile } from './audit-export';
import { detailsText } from './detail-labels';

/** The supervisor's filters, as typed: days are Paris calendar days, both included. */
export interface AuditFilters {
  /** One agent's entries; null for the system's (failed logins under unknown logins, purges). */
  actorId?: string | null;
  /** The start of the action code ('auth.' is every login). */
  action?: string;
  from?: IsoDate;
  to?: IsoDate;
  applicationNumber?: string;
}

/** An entry as the supervisor's screen and exports show it. */
export interface AuditRowView {
  id: number;
  at: string;
  actorId: string | null;
  /** The agent's name, « Système » for the system. */
  actorName: string;
  action: string;
  label: string;
  applicationNumber: string | null;
  details: JsonObject;
  /** « clé : valeur ; … », the same on the screen and in the exports. */
  detailsText: string;
  hash: string;
}

const SYSTEM = 'Système';
const DAY_MS = 86_400_000;
/** Entries are read for an export page after page, like the queue's. */
const EXPORT_PAGE = 1000;

function view(entry: AuditEntry, nameOf: (agentId: string) => string | null): AuditRowView {
  return {
    id: entry.id,
    at: entry.at,
    actorId: entry.actorId,
    actorName: entry.actorName ?? (entry.actorId === null ? SYSTEM : entry.actorId),
    action: entry.action,
    label: actionLabel(entry.action),
    applicationNumber: entry.applicationNumber,
    details: entry.details,
    detailsText: detailsText(entry.action, entry.details, nameOf),
    hash: entry.hash,
  };
}

/** Midnight in Paris at the start of that day, in the stored form. */
function parisMidnight(date: IsoDate): string {
  const { year, month, day } = toParts(date);
  // A plain Date: TZDate's own toISOString would write Paris's offset instead of Z.
  return toStoredInstant(new Date(new TZDate(year, month - 1, day, PARIS_TIME_ZONE).getTime()));
}

export interface AuditTrailDeps {
  db: Database.Database;
  journal: ActionJournal;
  agents: AgentRepository;
  /** Entries older than this are removed, at start and once a day. */
  retentionDays: number;
  log?: (line: string) => void;
  now?: () => Date;
}

/**
 * The journal as the chef de bureau reads it, scoped to their service: its agents' entries and the
 * system's. Reading is not journaled (a page at each filter change would drown the trail); an
 * export is, since it takes the entries out of the application.
 */
export function createAuditTrail({
  db,
  journal,
  agents,
  retentionDays,
  log = () => undefined,
  now = () => new Date(),
}: AuditTrailDeps) {
  const query = createAuditQuery(db);
  const nameOf = (agentId: string) => agents.findById(agentId)?.displayName ?? null;
  const toView = (entry: AuditEntry) => view(entry, nameOf);
  let timer: ReturnType<typeof setInterval> | null = null;

  const filterOf = (supervisor: PublicAgent, filters: AuditFilters): AuditFilter => ({
    serviceCode: supervisor.serviceCode,
    ...(filters.actorId !== undefined ? { actorId: filters.actorId } : {}),
    ...(filters.action ? { actionPrefix: filters.action } : {}),
    ...(filters.from ? { from: parisMidnight(filters.from) } : {}),
    ...(filters.to ? { to: parisMidnight(addDays(filters.to, 1)) } : {}),
    ...(filters.applicationNumber ? { applicationNumber: filters.applicationNumber } : {}),
  });

  function purge(): JournalPurge {
    const before = new Date(now().getTime() - retentionDays * DAY_MS);
    const done = purgeJournal(db, journal, { before, retentionDays });
    if (done.count > 0)
      log(
        `Journal d'audit : ${done.count} entrée(s) de plus de ${retentionDays} jours supprimée(s).`,
      );
    return done;
  }

  function purgeAndLog(): void {
    try {
      purge();
    } catch (error) {
      // The journal stays as it is; the next day's purge tries again.
      log(
        `La purge du journal d'audit a échoué : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  return {
    /** A page of the view, newest first, with the total for the pager. */
    page(supervisor: PublicAgent, filters: AuditFilters, limit: number, offset: number) {
      const { rows, total } = query.page(filterOf(supervisor, filters), limit, offset);
      return { rows: rows.map(toView), total };
    },

    /** Every entry of the view as CSV or XLSX; the export itself is journaled. */
    async exportView(
      supervisor: PublicAgent,
      filters: AuditFilters,
      format: ExportFormat,
    ): Promise<ExportedFile> {
      const filter = filterOf(supervisor, filters);
      const rows: AuditRowView[] = [];
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const page = query.page(filter, EXPORT_PAGE, offset).rows;
        rows.push(...page.map(toView));
        if (page.length < EXPORT_PAGE) break;
      }
      const file = await auditExportFile(rows, format, now());
      const { applicationNumber, ...criteria } = filters;
      journal.record({
        actorId: supervisor.id,
        action: 'audit.export',
        applicationNumber: applicationNumber ?? null,
        details: { format, count: rows.length, ...criteria },
      });
      return file;
    },

    /**
     * The journal's entries about one dossier, newest first: what was done on it from this
     * workstation (the portal's own log is the dossier's `history`).
     */
    ofDossier(agent: PublicAgent, applicationNumber: string, limit = 200): AuditRowView[] {
      return query
        .page({ serviceCode: agent.serviceCode, applicationNumber }, limit, 0)
        .rows.map(toView);
    },

    /** The service's agents for the Agent filter, disabled ones included (their entries remain). */
    agentsOf(supervisor: PublicAgent) {
      return agents
        .list({ serviceCode: supervisor.serviceCode })
        .map(({ id, displayName, disabledAt }) => ({
          id,
          displayName,
          disabled: disabledAt !== null,
        }));
    },

    purge,

    /** Purges now, then once a day. */
    start(): void {
      purgeAndLog();
      timer ??= setInterval(purgeAndLog, DAY_MS);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;

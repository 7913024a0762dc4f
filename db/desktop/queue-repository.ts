import type Database from 'better-sqlite3';
import { addDays, type IsoDate } from '../../shared/dates/calendar-date';
import type { DeadlineKind } from '../../shared/workflow/dossier-deadlines';
import { TERMINAL_STATUSES, type ApplicationStatus } from '../../shared/workflow/statuses';

/**
 * The queue's tabs, in the manner of démarches-simplifiées: à traiter (open, unassigned), mes
 * dossiers, en attente du demandeur, échéances proches, traités, tous.
 */
export const QUEUE_TABS = ['todo', 'mine', 'waiting', 'deadlines', 'done', 'all'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export const QUEUE_SORTS = [
  'submittedAt',
  'applicationNumber',
  'applicantName',
  'nationality',
  'status',
  'assignee',
  'nextDeadline',
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export interface QueueQuery {
  serviceCode: string;
  /** The agent looking: « mes dossiers » are theirs. */
  agentId: string;
  tab: QueueTab;
  /** Today in Paris: deadlines are compared with it. */
  today: IsoDate;
  /** « Échéances proches »: a deadline within this many days (overdue ones included). */
  withinDays: number;
  status?: ApplicationStatus;
  /** An agent's id, or null for unassigned dossiers. */
  assignedAgentId?: string | null;
  procedure?: string;
  deadline?: 'overdue' | 'within';
  submittedFrom?: IsoDate;
  submittedTo?: IsoDate;
  /** Names and numbers, accents and case ignored, each word a prefix. */
  search?: string;
  sort: QueueSort;
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface QueueEntry {
  applicationNumber: string;
  procedure: string;
  foreignerNumber: string;
  applicantName: string;
  nationality: string;
  status: ApplicationStatus;
  version: number;
  submittedAt: string;
  assignedAgentId: string | null;
  assigneeName: string | null;
  nextDeadlineOn: IsoDate | null;
  nextDeadlineKind: DeadlineKind | null;
  implicitRejectionOn: IsoDate | null;
  /** Actions on it waiting to be sent to the portal (« en attente d'envoi »). */
  pendingActions: number;
  /** Actions on it the portal refused or found in conflict, not resolved yet. */
  syncProblems: number;
}

const TERMINAL = TERMINAL_STATUSES.map((status) => `'${status}'`).join(', ');

/** Each tab as a condition on `a` (applications) with the query's parameters. */
const TAB_CONDITIONS: Readonly<Record<QueueTab, string | null>> = {
  todo: `a.assigned_agent_id IS NULL AND a.status NOT IN (${TERMINAL})`,
  mine: `a.assigned_agent_id = @agentId AND a.status NOT IN (${TERMINAL})`,
  waiting: `a.status = 'supplement_requested'`,
  deadlines: `a.next_deadline_on <= @horizon`,
  done: `a.status IN (${TERMINAL})`,
  all: null,
};

const SORT_COLUMNS: Readonly<Record<QueueSort, string>> = {
  submittedAt: 'a.submitted_at',
  applicationNumber: 'a.application_number',
  applicantName: 'a.applicant_sort_key',
  nationality: 'a.nationality COLLATE NOCASE',
  status: 'a.status',
  assignee: 'ag.display_name COLLATE NOCASE',
  // Dossiers without a running deadline come last whichever the direction.
  nextDeadline: 'a.next_deadline_on IS NULL, a.next_deadline_on',
};

const ENTRY_COLUMNS = `
  a.application_number AS applicationNumber, a.procedure, a.foreigner_number AS foreignerNumber,
  a.applicant_name AS applicantName, a.nationality, a.status, a.version, a.submitted_at AS submittedAt,
  a.assigned_agent_id AS assignedAgentId, ag.display_name AS assigneeName,
  a.next_deadline_on AS nextDeadlineOn, a.next_deadline_kind AS nextDeadlineKind,
  a.implicit_rejection_on AS implicitRejectionOn,
  (SELECT count(*) FROM outbox o WHERE o.application_number = a.application_number
     AND o.state = 'pending') AS pendingActions,
  (SELECT count(*) FROM outbox o WHERE o.application_number = a.application_number
     AND o.state IN ('conflict', 'rejected') AND o.resolution IS NULL) AS syncProblems`;

/**
 * An FTS5 query from what the agent typed: each word (letters or digits) becomes a quoted prefix,
 * all required; nothing of the input's own syntax gets through. Null when nothing is left.
 */
export function searchExpression(text: string): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(' ');
}

interface Built {
  source: string;
  where: string;
  params: Record<string, unknown>;
}

function build(query: Omit<QueueQuery, 'sort' | 'direction' | 'limit' | 'offset'>): Built {
  const terms = ['a.service_code = @serviceCode'];
  const params: Record<string, unknown> = {
    serviceCode: query.serviceCode,
    agentId: query.agentId,
    today: query.today,
    horizon: addDays(query.today, query.withinDays),
  };
  const tab = TAB_CONDITIONS[query.tab];
  if (tab) terms.push(tab);
  if (query.status !== undefined) {
    terms.push('a.status = @status');
    params.status = query.status;
  }
  if (query.assignedAgentId === null) terms.push('a.assigned_agent_id IS NULL');
  else if (query.assignedAgentId !== undefined) {
    terms.push('a.assigned_agent_id = @assignedAgentId');
    params.assignedAgentId = query.assignedAgentId;
  }
  if (query.procedure !== undefined) {
    terms.push('a.procedure = @procedure');
    params.procedure = query.procedure;
  }
  if (query.deadline === 'overdue') terms.push('a.next_deadline_on < @today');
  if (query.deadline === 'within') terms.push('a.next_deadline_on <= @horizon');
  if (query.submittedFrom !== undefined) {
    terms.push('a.submitted_on >= @submittedFrom');
    params.submittedFrom = query.submittedFrom;
  }
  if (query.submittedTo !== undefined) {
    terms.push('a.submitted_on <= @submittedTo');
    params.submittedTo = query.submittedTo;
  }
  const search = query.search ? searchExpression(query.search) : null;
  if (search) {
    terms.push('applications_search MATCH @search');
    params.search = search;
  }
  // With a search, the index of names drives the query (a few thousand rows at most) instead of
  // checking every dossier of the service against it.
  const source = search
    ? 'applications_search CROSS JOIN applications a ON a.rowid = applications_search.rowid'
    : 'applications a';
  return { source, where: terms.join(' AND '), params };
}

export interface QueueRepository {
  /** One page of the queue, filtered, searched and sorted in SQLite, and how many in all. */
  page(query: QueueQuery): { rows: QueueEntry[]; total: number };
  /** How many dossiers each tab holds (with the same search and filters, if given). */
  counts(
    query: Omit<QueueQuery, 'tab' | 'sort' | 'direction' | 'limit' | 'offset'>,
  ): Record<QueueTab, number>;
}

export function createQueueRepository(db: Database.Database): QueueRepository {
  // Statements differ only by which filters are present: prepare each shape once.
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };

  return {
    page(query) {
      if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 1000)
        throw new RangeError(`limit must be between 1 and 1000, got ${query.limit}`);
      if (!Number.isSafeInteger(query.offset) || query.offset < 0)
        throw new RangeError(`offset must be a natural integer, got ${query.offset}`);
      const { source, where, params } = build(query);
      const order = `${SORT_COLUMNS[query.sort]} ${query.direction === 'desc' ? 'DESC' : 'ASC'}`;
      // The page's keys first, then its columns: the per-row counts of outbox actions are
      // computed for the rows shown only, not for every row the sort visits.
      const rows = statement(
        `SELECT ${ENTRY_COLUMNS}
         FROM (SELECT a.rowid AS id FROM ${source} LEFT JOIN agents ag ON ag.id = a.assigned_agent_id
               WHERE ${where} ORDER BY ${order}, a.application_number LIMIT @limit OFFSET @offset) page
         JOIN applications a ON a.rowid = page.id LEFT JOIN agents ag ON ag.id = a.assigned_agent_id
         ORDER BY ${order}, a.application_number`,
      ).all({ ...params, limit: query.limit, offset: query.offset }) as QueueEntry[];
      const total = statement(`SELECT count(*) FROM ${source} WHERE ${where}`)
        .pluck()
        .get(params) as number;
      return { rows, total };
    },

    counts(query) {
      const { source, where, params } = build({ ...query, tab: 'all' });
      const columns = QUEUE_TABS.map(
        (tab) => `coalesce(sum(${TAB_CONDITIONS[tab] ?? '1'}), 0) AS "${tab}"`,
      ).join(', ');
      return statement(`SELECT ${columns} FROM ${source} WHERE ${where}`).get(params) as Record<
        QueueTab,
        number
      >;
    },
  };
}

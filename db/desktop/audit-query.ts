import type Database from 'better-sqlite3';
import { actionColumns, fromStored, type ActionRow, type StoredAction } from './action-journal';

/** A journal entry as the supervisor reads it: with the name of the agent who acted. */
export interface AuditEntry extends ActionRow {
  /** null for the system, or an id no agent of this workstation holds. */
  actorName: string | null;
}

export interface AuditFilter {
  /** Entries of agents of this service, and the system's (actor null). */
  serviceCode: string;
  /** One agent's entries; null for the system's only. */
  actorId?: string | null;
  /** Codes starting with this ('auth.' or 'application.assign'). */
  actionPrefix?: string;
  /** Instants as stored (../instant.ts): from included, to excluded. */
  from?: string;
  to?: string;
  applicationNumber?: string;
}

export interface AuditQuery {
  /** Newest first, with the total for the pager. */
  page(filter: AuditFilter, limit: number, offset: number): { rows: AuditEntry[]; total: number };
}

/** Action codes hold [a-z0-9_.] only (a CHECK of the table), all below '~': the prefix's range ends there. */
const PREFIX_END = '~';

function build(filter: AuditFilter): { where: string; params: Record<string, unknown> } {
  const terms = ['(a.actor_id IS NULL OR g.service_code = @serviceCode)'];
  const params: Record<string, unknown> = { serviceCode: filter.serviceCode };
  if (filter.actorId === null) terms.push('a.actor_id IS NULL');
  else if (filter.actorId !== undefined) {
    terms.push('a.actor_id = @actorId');
    params.actorId = filter.actorId;
  }
  if (filter.actionPrefix) {
    terms.push('a.action >= @actionFrom AND a.action < @actionTo');
    params.actionFrom = filter.actionPrefix;
    params.actionTo = `${filter.actionPrefix}${PREFIX_END}`;
  }
  if (filter.from !== undefined) {
    terms.push('a.at >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    terms.push('a.at < @to');
    params.to = filter.to;
  }
  if (filter.applicationNumber !== undefined) {
    terms.push('a.application_number = @applicationNumber');
    params.applicationNumber = filter.applicationNumber;
  }
  return { where: terms.join(' AND '), params };
}

export function createAuditQuery(db: Database.Database): AuditQuery {
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
    page(filter, limit, offset) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000)
        throw new RangeError(`limit must be between 1 and 1000, got ${limit}`);
      if (!Number.isSafeInteger(offset) || offset < 0)
        throw new RangeError(`offset must be a natural integer, got ${offset}`);
      const { where, params } = build(filter);
      const source = 'actions a LEFT JOIN agents g ON g.id = a.actor_id';
      const rows = statement(
        `SELECT ${actionColumns('a.')}, g.display_name AS actorName FROM ${source}
         WHERE ${where} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
      ).all({ ...params, limit, offset }) as (StoredAction & { actorName: string | null })[];
      const total = statement(`SELECT count(*) FROM ${source} WHERE ${where}`)
        .pluck()
        .get(params) as number;
      return { rows: rows.map((row) => ({ ...fromStored(row), actorName: row.actorName })), total };
    },
  };
}

import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

/** 'role': an action reserved to another role; 'service': another service's dossier or file. */
export type SecurityEventKind = 'role' | 'service';

/** One refused call of an agent. No personal data: who, when, what, on which dossier. */
export interface SecurityEvent {
  seq: number;
  at: string;
  agentId: string;
  kind: SecurityEventKind;
  /** 'backoffice.push', 'GET /files'… */
  procedure: string;
  /** The mutation type, for a push. */
  type: string | null;
  applicationNumber: string | null;
}

/** Append-only (the database refuses UPDATE, DELETE and REPLACE). */
export interface SecurityLog {
  record(event: Omit<SecurityEvent, 'seq' | 'at'> & { at: string | Date }): SecurityEvent;
  /** Oldest first; one agent's only when asked. */
  list(filter?: { agentId?: string }): SecurityEvent[];
}

const COLUMNS =
  'seq, at, agent_id AS agentId, kind, procedure, type, application_number AS applicationNumber';

export function createSecurityLog(db: Database.Database): SecurityLog {
  const insert = db.prepare<[Omit<SecurityEvent, 'seq'>], SecurityEvent>(`
    INSERT INTO security_events (at, agent_id, kind, procedure, type, application_number)
    VALUES (@at, @agentId, @kind, @procedure, @type, @applicationNumber)
    RETURNING ${COLUMNS}`);
  const all = db.prepare<[], SecurityEvent>(`SELECT ${COLUMNS} FROM security_events ORDER BY seq`);
  const ofAgent = db.prepare<[string], SecurityEvent>(
    `SELECT ${COLUMNS} FROM security_events WHERE agent_id = ? ORDER BY seq`,
  );
  return {
    record(event) {
      const row = insert.get({ ...event, at: toStoredInstant(event.at) });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },
    list: ({ agentId } = {}) => (agentId === undefined ? all.all() : ofAgent.all(agentId)),
  };
}

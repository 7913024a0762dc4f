import type Database from 'better-sqlite3';
import { parisDateOf } from '../../shared/dates/paris-time';
import { runningDeadlines, type DeadlineFacts } from '../../shared/workflow/dossier-deadlines';
import type { ApplicationStatus } from '../../shared/workflow/statuses';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

/** What the queue shows of a dossier: everything but the full dossier. */
export interface QueueRow {
  applicationNumber: string;
  procedure: string;
  foreignerNumber: string;
  /** Migration 3 checks the list of shared/; a test stores every one of them. */
  status: ApplicationStatus;
  version: number;
  submittedAt: string;
  applicantName: string;
  serviceCode: string;
  assignedAgentId: string | null;
  updatedAt: string;
}

export interface ApplicationRow extends QueueRow {
  /** The full dossier as the portal sent it; validate it against shared/'s schema before use. */
  data: JsonObject;
}

export interface ApplicationUpsert extends Omit<QueueRow, 'submittedAt' | 'updatedAt'> {
  submittedAt: string | Date;
  /** As the applicant declared it (« VIETNAMIENNE »); empty when unknown. */
  nationality?: string;
  data: JsonObject;
  /** When this version was produced (the change's instant); now when omitted. */
  updatedAt?: string | Date;
}

/** The header of a dossier after a change on the portal (`application.updated`). */
export interface ApplicationUpdate {
  applicationNumber: string;
  version: number;
  status: ApplicationStatus;
  assignedAgentId: string | null;
  updatedAt: string | Date;
}

/**
 * How the sync writes: normally a version only replaces an older one; during a full resync the
 * portal's log is the truth whatever the local version, and each dossier seen is stamped with
 * the resync's generation.
 */
export interface SyncWrite {
  force: boolean;
  generation: number;
}

export interface QueueFilter {
  serviceCode: string;
  status?: ApplicationStatus;
  /** An agent's id: that agent's dossiers; null: unassigned ones; omitted: all. */
  assignedAgentId?: string | null;
}

export interface QueuePage extends QueueFilter {
  limit: number;
  offset: number;
}

export interface ApplicationRepository {
  /**
   * Stores a dossier from the sync unless the local copy is as new or newer (the same version
   * pulled twice, or an older change arriving late). Returns whether it was stored.
   */
  upsert(application: ApplicationUpsert, write?: SyncWrite): boolean;
  /** Applies a later version's header; false when the dossier is unknown or already as new. */
  applyUpdate(update: ApplicationUpdate, write?: SyncWrite): boolean;
  /** After a full resync: removes the dossiers the portal no longer has; returns their numbers. */
  removeUnseen(generation: number): string[];
  /**
   * Records what the history says of a dossier's deadlines (only the facts given change) and
   * recomputes its soonest running deadline from them and its status. Call it after the status.
   */
  updateDeadlineFacts(
    applicationNumber: string,
    facts: Partial<Omit<DeadlineFacts, 'status'>>,
  ): void;
  /** What the deadlines are computed from, with the status. */
  deadlineFactsOf(applicationNumber: string): DeadlineFacts | undefined;
  get(applicationNumber: string): ApplicationRow | undefined;
  /** A page of the queue, oldest submission first. */
  listQueue(page: QueuePage): QueueRow[];
  /** How many dossiers the same filter finds in all (for the pager). */
  count(filter: QueueFilter): number;
}

const QUEUE_COLUMNS = `
  application_number AS applicationNumber, procedure, foreigner_number AS foreignerNumber, status,
  version, submitted_at AS submittedAt, applicant_name AS applicantName, service_code AS serviceCode,
  assigned_agent_id AS assignedAgentId, updated_at AS updatedAt`;

/** « Öztürk Elif » → « OZTURK ELIF »: the order of a directory, whatever the accents. */
export function sortKeyOf(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

const NORMAL_WRITE: SyncWrite = { force: false, generation: 0 };

type Assignment = 'any' | 'unassigned' | 'agent';

function assignmentOf(assignedAgentId: string | null | undefined): Assignment {
  if (assignedAgentId === undefined) return 'any';
  return assignedAgentId === null ? 'unassigned' : 'agent';
}

function queueCondition(byStatus: boolean, assignment: Assignment): string {
  return [
    'service_code = @serviceCode',
    byStatus ? 'status = @status' : null,
    assignment === 'unassigned' ? 'assigned_agent_id IS NULL' : null,
    assignment === 'agent' ? 'assigned_agent_id = @assignedAgentId' : null,
  ]
    .filter((term) => term !== null)
    .join(' AND ');
}

function assertPage({ limit, offset }: QueuePage): void {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new RangeError(`offset must be a natural integer, got ${offset}`);
}

export function createApplicationRepository(db: Database.Database): ApplicationRepository {
  // ON CONFLICT … WHERE: the version comparison and the write are one statement, so a concurrent
  // writer can never slip an older version in between.
  const upsert = db.prepare(`
    INSERT INTO applications (application_number, procedure, foreigner_number, status, version, submitted_at,
                              applicant_name, service_code, assigned_agent_id, data, updated_at,
                              seen_generation, nationality, complete_on, submitted_on,
                              applicant_sort_key)
    VALUES (@applicationNumber, @procedure, @foreignerNumber, @status, @version, @submittedAt,
            @applicantName, @serviceCode, @assignedAgentId, @data, @updatedAt, @generation,
            @nationality, @completeOn, @completeOn, @sortKey)
    ON CONFLICT (application_number) DO UPDATE SET
      procedure = excluded.procedure, foreigner_number = excluded.foreigner_number, status = excluded.status,
      version = excluded.version, submitted_at = excluded.submitted_at, applicant_name = excluded.applicant_name,
      service_code = excluded.service_code, assigned_agent_id = excluded.assigned_agent_id,
      data = excluded.data, updated_at = excluded.updated_at,
      seen_generation = excluded.seen_generation, nationality = excluded.nationality,
      complete_on = excluded.complete_on, submitted_on = excluded.submitted_on,
      applicant_sort_key = excluded.applicant_sort_key,
      supplement_deadline = NULL, prolongation_valid_to = NULL
    WHERE excluded.version > applications.version OR @force = 1`);
  const update = db.prepare(`
    UPDATE applications SET version = @version, status = @status,
      assigned_agent_id = @assignedAgentId, updated_at = @updatedAt, seen_generation = @generation
    WHERE application_number = @applicationNumber AND (version < @version OR @force = 1)`);
  const factsOf = db.prepare<
    [string],
    DeadlineFacts
  >(`SELECT status, complete_on AS completeOn, supplement_deadline AS supplementDeadline,
            prolongation_valid_to AS prolongationValidTo
     FROM applications WHERE application_number = ?`);
  const saveFacts = db.prepare(`
    UPDATE applications SET complete_on = @completeOn, supplement_deadline = @supplementDeadline,
      prolongation_valid_to = @prolongationValidTo, implicit_rejection_on = @implicitRejectionOn,
      next_deadline_on = @nextOn, next_deadline_kind = @nextKind
    WHERE application_number = @applicationNumber`);
  const unseen = db
    .prepare<[number], string>(
      'DELETE FROM applications WHERE seen_generation < ? RETURNING application_number',
    )
    .pluck();
  const byNumber = db.prepare<[string], QueueRow & { data: string }>(
    `SELECT ${QUEUE_COLUMNS}, data FROM applications WHERE application_number = ?`,
  );

  // One statement per combination of filters (2 × 3), prepared once, each able to use its index.
  const queueStatements = new Map<
    string,
    { list: Database.Statement; count: Database.Statement }
  >();
  for (const byStatus of [false, true]) {
    for (const assignment of ['any', 'unassigned', 'agent'] as const) {
      const where = queueCondition(byStatus, assignment);
      queueStatements.set(`${byStatus}:${assignment}`, {
        list: db.prepare(
          `SELECT ${QUEUE_COLUMNS} FROM applications WHERE ${where}
           ORDER BY submitted_at, application_number LIMIT @limit OFFSET @offset`,
        ),
        count: db.prepare(`SELECT count(*) FROM applications WHERE ${where}`).pluck(),
      });
    }
  }
  function queueStatement({ status, assignedAgentId }: QueueFilter) {
    const statements = queueStatements.get(
      `${status !== undefined}:${assignmentOf(assignedAgentId)}`,
    );
    if (!statements) throw new Error('unreachable: every filter combination is prepared');
    return statements;
  }

  function updateDeadlineFacts(
    applicationNumber: string,
    facts: Partial<Omit<DeadlineFacts, 'status'>>,
  ): void {
    const current = factsOf.get(applicationNumber);
    if (!current) return;
    const merged = { ...current, ...facts };
    const running = runningDeadlines(merged);
    const implicit = running.find((deadline) => deadline.kind === 'implicit_rejection');
    saveFacts.run({
      applicationNumber,
      completeOn: merged.completeOn,
      supplementDeadline: merged.supplementDeadline,
      prolongationValidTo: merged.prolongationValidTo,
      implicitRejectionOn: implicit?.date ?? null,
      nextOn: running[0]?.date ?? null,
      nextKind: running[0]?.kind ?? null,
    });
  }

  return {
    upsert(application, { force, generation } = NORMAL_WRITE) {
      const result = upsert.run({
        ...application,
        submittedAt: toStoredInstant(application.submittedAt),
        data: toJsonColumn('data', application.data),
        updatedAt: toStoredInstant(application.updatedAt ?? new Date()),
        force: force ? 1 : 0,
        generation,
        nationality: application.nationality ?? '',
        completeOn: parisDateOf(new Date(application.submittedAt)),
        sortKey: sortKeyOf(application.applicantName),
      });
      if (result.changes > 0) updateDeadlineFacts(application.applicationNumber, {});
      return result.changes > 0;
    },

    updateDeadlineFacts,
    deadlineFactsOf: (applicationNumber) => factsOf.get(applicationNumber),

    applyUpdate(change, { force, generation } = NORMAL_WRITE) {
      const result = update.run({
        ...change,
        updatedAt: toStoredInstant(change.updatedAt),
        force: force ? 1 : 0,
        generation,
      });
      if (result.changes > 0) updateDeadlineFacts(change.applicationNumber, {});
      return result.changes > 0;
    },

    removeUnseen: (generation) => unseen.all(generation),

    get(applicationNumber) {
      const row = byNumber.get(applicationNumber);
      return row && { ...row, data: fromJsonColumn('data', row.data) };
    },

    listQueue(page) {
      assertPage(page);
      return queueStatement(page).list.all(page) as QueueRow[];
    },

    count(filter) {
      return queueStatement(filter).count.get(filter) as number;
    },
  };
}

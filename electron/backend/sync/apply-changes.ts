import type { z } from 'zod';
import type { JsonObject } from '../../../db/json-column';
import type { ApplicationRepository, SyncWrite } from '../../../db/desktop/application-repository';
import type { HistoryRepository } from '../../../db/desktop/history-repository';
import { parisDateOf } from '../../../shared/dates/paris-time';
import {
  notificationReadSchema,
  submittedSchema,
  supplementAnsweredSchema,
  updatedSchema,
  type Change,
  type FileRef,
} from './change-schemas';

/** Where announced files go (the attachments' file repository). */
export interface FileAnnouncer {
  announce(
    applicationNumber: string,
    files: readonly Pick<FileRef, 'sha256' | 'size' | 'mime'>[],
  ): void;
}

export interface ApplyDeps {
  applications: ApplicationRepository;
  history: HistoryRepository;
  files: FileAnnouncer;
}

/** A change the workstation cannot read: the page is not applied, the message says which. */
export class UnreadableChange extends Error {
  constructor(change: Pick<Change, 'seq' | 'type' | 'applicationNumber'>, detail: string) {
    super(
      `Le portail a envoyé une modification illisible (n° ${change.seq}, ${change.type}, dossier ${change.applicationNumber}) : ${detail}`,
    );
    this.name = 'UnreadableChange';
  }
}

function parse<T extends z.ZodType>(schema: T, change: Change): z.infer<T> {
  const result = schema.safeParse(change.data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new UnreadableChange(change, `${issue?.path.join('.') || 'data'} : ${issue?.message}`);
}

/** What the history keeps of a change: the submission's full dossier already lives in applications. */
function historyData(change: Change): JsonObject {
  if (change.type !== 'application.submitted') return change.data;
  const { applicantName, foreignerNumber, procedure } = change.data;
  return { applicantName, foreignerNumber, procedure };
}

/**
 * Applies changes of the portal's log to the local mirror. Runs inside the page's transaction;
 * every write is idempotent (a page applied again after a crash changes nothing). Unknown change
 * types are kept in the history only, so a newer portal does not stop an older workstation.
 */
export function applyChange(deps: ApplyDeps, change: Change, write: SyncWrite): void {
  const { applicationNumber } = change;
  switch (change.type) {
    case 'application.submitted': {
      const data = parse(submittedSchema, change);
      deps.applications.upsert(
        {
          applicationNumber,
          procedure: data.procedure,
          foreignerNumber: data.foreignerNumber,
          status: data.status,
          version: change.version,
          submittedAt: data.submittedAt,
          applicantName: data.applicantName,
          serviceCode: data.serviceCode,
          assignedAgentId: data.assignedAgentId,
          data: change.data,
          updatedAt: change.at,
          nationality: data.dossier.personal?.civilStatus?.nationality ?? '',
        },
        write,
      );
      for (const document of data.documents)
        deps.history.addDocumentVersion({
          applicationNumber,
          documentKey: document.documentKey,
          version: document.version,
          source: 'submission',
          files: document.files,
          message: null,
          createdAt: data.submittedAt,
        });
      deps.files.announce(applicationNumber, data.files);
      break;
    }
    case 'application.updated': {
      const data = parse(updatedSchema, change);
      deps.applications.applyUpdate(
        {
          applicationNumber,
          version: change.version,
          status: data.status,
          assignedAgentId: data.assignedAgentId,
          updatedAt: data.updatedAt,
        },
        write,
      );
      if (data.attestation && deps.applications.get(applicationNumber))
        deps.files.announce(applicationNumber, [data.attestation]);
      // A new request has no deadline until the applicant opens it; a prolongation ends on its validTo.
      if (data.event === 'requestSupplement')
        deps.applications.updateDeadlineFacts(applicationNumber, { supplementDeadline: null });
      if (data.event === 'issueProlongation' && data.payload?.validTo)
        deps.applications.updateDeadlineFacts(applicationNumber, {
          prolongationValidTo: data.payload.validTo,
        });
      break;
    }
    case 'supplement.answered': {
      const data = parse(supplementAnsweredSchema, change);
      if (!deps.applications.get(applicationNumber)) break;
      for (const answer of data.answers) {
        if (answer.action !== 'update') continue;
        deps.history.addDocumentVersion({
          applicationNumber,
          documentKey: answer.documentKey,
          version: answer.documentVersion,
          source: 'supplement',
          files: answer.files,
          message: answer.message ?? null,
          createdAt: data.answeredAt,
        });
        deps.files.announce(applicationNumber, answer.files);
      }
      // The answer completes the dossier again: the four months start over from it.
      deps.applications.updateDeadlineFacts(applicationNumber, {
        completeOn: parisDateOf(new Date(data.answeredAt)),
        supplementDeadline: null,
      });
      break;
    }
    case 'notification.read': {
      const data = parse(notificationReadSchema, change);
      if (data.supplementDeadline)
        deps.applications.updateDeadlineFacts(applicationNumber, {
          supplementDeadline: data.supplementDeadline,
        });
      break;
    }
    // assignment.changed and types added later: history only.
  }
  deps.history.recordEvent({
    seq: change.seq,
    applicationNumber,
    type: change.type,
    version: change.version,
    at: change.at,
    data: historyData(change),
  });
}

/** The agent ids a page refers to (assignments), which must exist locally before it is applied. */
export function agentIdsOf(changes: readonly Change[]): Set<string> {
  const ids = new Set<string>();
  for (const { data } of changes) {
    const id = data.assignedAgentId;
    if (typeof id === 'string' && id !== '') ids.add(id);
  }
  return ids;
}

import type { ApplicationRow } from '../../db/portal/application-repository';
import type { JsonObject } from '../../db/json-column';
import type { PortalDeps } from '../deps';

/** Who caused a change, as the change log names them. */
export type Actor =
  { kind: 'agent'; id: string; name: string } | { kind: 'applicant'; id: string; name: string };

/**
 * Appends the `application.updated` entry that closes every version bump: the application's header
 * after the change, the event that caused it and who did it. Detail entries of the same change
 * (`assignment.changed`, `supplement.answered`, `decision.*`) are appended before it, with the same version.
 */
export function publishUpdate(
  { repos }: Pick<PortalDeps, 'repos'>,
  change: {
    application: ApplicationRow;
    previousStatus: ApplicationRow['status'];
    event: string;
    actor: Actor;
    at: Date;
    details?: JsonObject;
  },
): void {
  const { application } = change;
  repos.changes.append({
    type: 'application.updated',
    applicationNumber: application.applicationNumber as string,
    version: application.version,
    at: change.at,
    serviceCode: application.serviceCode as string,
    data: {
      event: change.event,
      status: application.status,
      previousStatus: change.previousStatus,
      assignedAgentId: application.assignedAgentId,
      updatedAt: application.updatedAt,
      actor: change.actor,
      ...(change.details ?? {}),
    },
  });
}

/** A detail entry of a change (same version as the `application.updated` that follows it). */
export function publishDetail(
  { repos }: Pick<PortalDeps, 'repos'>,
  type:
    | 'assignment.changed'
    | 'supplement.answered'
    | 'notification.read'
    | 'decision.submitted'
    | 'decision.approved'
    | 'decision.returned',
  application: ApplicationRow,
  at: Date,
  data: JsonObject,
): void {
  repos.changes.append({
    type,
    applicationNumber: application.applicationNumber as string,
    version: application.version,
    at,
    serviceCode: application.serviceCode as string,
    data,
  });
}

import type { ApplicantRow } from '../../db/portal/applicant-repository';
import type { NotificationRow } from '../../db/portal/notification-repository';
import { supplementDeadline } from '../../shared/dates/deadlines';
import type { PortalDeps } from '../deps';
import { notificationNotFound } from '../errors';
import { publishDetail } from '../applications/change-entries';

/**
 * Opening a notification is, for the administration, the acknowledgment of receipt (« L'ouverture
 * d'une notification fait office […] d'accusé de réception »): the first opening is recorded once,
 * published to the agents, and starts the 30-day deadline of a supplement request.
 */
export function createNotifications(deps: PortalDeps) {
  const { db, repos, now } = deps;

  /** A withdrawn notification (an amended or withdrawn supplement request) is gone for the applicant. */
  function own(applicant: ApplicantRow, id: string): NotificationRow {
    const notification = repos.notifications.find(id);
    if (!notification || notification.applicantId !== applicant.id || notification.withdrawnAt)
      throw notificationNotFound();
    return notification;
  }

  function header(notification: NotificationRow) {
    const application = repos.applications.findById(notification.applicationId);
    return {
      id: notification.id,
      date: notification.createdAt,
      category: notification.category,
      kind: notification.kind,
      title: notification.title,
      readAt: notification.readAt,
      applicationNumber: application?.applicationNumber ?? null,
    };
  }

  /** Records the first reading (inside the caller's transaction); returns the read instant. */
  function markRead(notification: NotificationRow, at: Date): string {
    if (notification.readAt) return notification.readAt;
    if (!repos.notifications.markRead(notification.id, at))
      return repos.notifications.find(notification.id)?.readAt ?? at.toISOString();
    const application = repos.applications.findById(notification.applicationId);
    const request = repos.notifications.supplementRequestOfNotification(notification.id);
    if (application?.applicationNumber) {
      publishDetail(deps, 'notification.read', application, at, {
        notificationId: notification.id,
        kind: notification.kind,
        readAt: at.toISOString(),
        ...(request
          ? { supplementRequestId: request.id, supplementDeadline: supplementDeadline(at) }
          : {}),
      });
    }
    return at.toISOString();
  }

  return {
    markRead,

    /** « Mes Notifications », newest first. */
    list(applicant: ApplicantRow) {
      return repos.notifications.listOfApplicant(applicant.id).map(header);
    },

    open(applicant: ApplicantRow, id: string) {
      const notification = db
        .transaction(() => {
          const found = own(applicant, id);
          return { ...found, readAt: markRead(found, now()) };
        })
        .immediate();
      const { content } = notification;
      const request = repos.notifications.supplementRequestOfNotification(notification.id);
      const answer = request ? repos.notifications.answerOf(request.id) : undefined;
      return {
        ...header(notification),
        body: content['body'],
        paragraphs: content['paragraphs'] ?? [],
        attachments: content['attachments'] ?? [],
        ...(request
          ? {
              supplementRequest: {
                id: request.id,
                before: content['before'] ?? [],
                after: content['after'] ?? [],
                items: request.items,
                deadline: notification.readAt
                  ? supplementDeadline(new Date(notification.readAt))
                  : null,
                answered: answer !== undefined,
                answeredAt: answer?.createdAt ?? null,
              },
            }
          : {}),
      };
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;

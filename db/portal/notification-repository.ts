import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export type NotificationKind =
  'supplement_request' | 'prolongation' | 'favorable_decision' | 'unfavorable_decision' | 'message';

export interface NotificationRow {
  id: string;
  applicationId: string;
  applicantId: string;
  category: 'SEJOUR';
  kind: NotificationKind;
  title: string;
  /** { body, attachments?, … }: what the applicant reads when opening it. */
  content: JsonObject;
  createdAt: string;
  /** The first opening, never changed afterwards. */
  readAt: string | null;
  /** Set when the agent amended or withdrew the supplement request before it was read: the applicant no longer sees it. */
  withdrawnAt: string | null;
}

export interface SupplementRequestRow {
  id: string;
  applicationId: string;
  notificationId: string;
  items: JsonObject[];
  requestedBy: string;
  createdAt: string;
  /** Amended (a newer request replaces it) or withdrawn before the applicant opened it. */
  withdrawnAt: string | null;
}

export interface SupplementAnswerRow {
  id: string;
  supplementRequestId: string;
  applicantId: string;
  answers: JsonObject[];
  createdAt: string;
}

export interface NotificationRepository {
  create(notification: {
    applicationId: string;
    applicantId: string;
    kind: NotificationKind;
    title: string;
    content: JsonObject;
    createdAt: string | Date;
  }): NotificationRow;
  /** Withdrawn ones included: the caller decides what a withdrawn notification means. */
  find(id: string): NotificationRow | undefined;
  /** Newest first, without the withdrawn ones. */
  listOfApplicant(applicantId: string): NotificationRow[];
  /** Sets read_at if it is not set yet; false when the notification had been read already. */
  markRead(id: string, at: string | Date): boolean;
  createSupplementRequest(
    request: Omit<SupplementRequestRow, 'id' | 'createdAt' | 'withdrawnAt'> & {
      createdAt: string | Date;
    },
  ): SupplementRequestRow;
  supplementRequestOfNotification(notificationId: string): SupplementRequestRow | undefined;
  /** The newest supplement request of the application neither answered nor withdrawn, with its notification's read date. */
  pendingSupplementRequest(
    applicationId: string,
  ): (SupplementRequestRow & { readAt: string | null }) | undefined;
  /**
   * Marks the request and its notification withdrawn, if the notification is still unread and
   * neither is withdrawn yet; false otherwise (nothing is written then).
   */
  withdrawSupplementRequest(supplementRequestId: string, at: string | Date): boolean;
  /** Records the answer; undefined when the request already has one (a request is answered once). */
  recordSupplementAnswer(
    answer: Omit<SupplementAnswerRow, 'id' | 'createdAt'> & {
      createdAt: string | Date;
    },
  ): SupplementAnswerRow | undefined;
  answerOf(supplementRequestId: string): SupplementAnswerRow | undefined;
}

type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

const COLUMNS = `
  id, application_id AS applicationId, applicant_id AS applicantId, category, kind, title, content,
  created_at AS createdAt, read_at AS readAt, withdrawn_at AS withdrawnAt`;
const REQUEST_COLUMNS = `
  r.id, r.application_id AS applicationId, r.notification_id AS notificationId, r.items,
  r.requested_by AS requestedBy, r.created_at AS createdAt, r.withdrawn_at AS withdrawnAt`;
const ANSWER_COLUMNS = `
  id, supplement_request_id AS supplementRequestId, applicant_id AS applicantId, answers, created_at AS createdAt`;

const fromStored = (row: Stored<NotificationRow, 'content'> | undefined) =>
  row && { ...row, content: fromJsonColumn('content', row.content) };
const requestFromStored = <T extends Stored<SupplementRequestRow, 'items'>>(row: T) => ({
  ...row,
  items: JSON.parse(row.items) as JsonObject[],
});
const answerFromStored = (row: Stored<SupplementAnswerRow, 'answers'>) => ({
  ...row,
  answers: JSON.parse(row.answers) as JsonObject[],
});

export function createNotificationRepository(db: Database.Database): NotificationRepository {
  const insert = db.prepare<
    [Stored<NotificationRow, 'content'>],
    Stored<NotificationRow, 'content'>
  >(`
    INSERT INTO notifications (id, application_id, applicant_id, category, kind, title, content, created_at, read_at)
    VALUES (@id, @applicationId, @applicantId, @category, @kind, @title, @content, @createdAt, @readAt)
    RETURNING ${COLUMNS}`);
  const find = db.prepare<[string], Stored<NotificationRow, 'content'>>(
    `SELECT ${COLUMNS} FROM notifications WHERE id = ?`,
  );
  const ofApplicant = db.prepare<[string], Stored<NotificationRow, 'content'>>(
    `SELECT ${COLUMNS} FROM notifications
     WHERE applicant_id = ? AND withdrawn_at IS NULL ORDER BY created_at DESC, id`,
  );
  const markRead = db.prepare(
    'UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL AND withdrawn_at IS NULL',
  );
  const insertRequest = db.prepare<
    [Stored<SupplementRequestRow, 'items'>],
    Stored<SupplementRequestRow, 'items'>
  >(`
    INSERT INTO supplement_requests (id, application_id, notification_id, items, requested_by, created_at)
    VALUES (@id, @applicationId, @notificationId, @items, @requestedBy, @createdAt)
    RETURNING id, application_id AS applicationId, notification_id AS notificationId, items,
              requested_by AS requestedBy, created_at AS createdAt, withdrawn_at AS withdrawnAt`);
  const requestOfNotification = db.prepare<[string], Stored<SupplementRequestRow, 'items'>>(
    `SELECT ${REQUEST_COLUMNS} FROM supplement_requests r WHERE r.notification_id = ?`,
  );
  const pending = db.prepare<
    [string],
    Stored<SupplementRequestRow, 'items'> & { readAt: string | null }
  >(`
    SELECT ${REQUEST_COLUMNS}, n.read_at AS readAt
    FROM supplement_requests r
    JOIN notifications n ON n.id = r.notification_id
    LEFT JOIN supplement_answers a ON a.supplement_request_id = r.id
    WHERE r.application_id = ? AND a.id IS NULL AND r.withdrawn_at IS NULL
    ORDER BY r.created_at DESC, r.id LIMIT 1`);
  const insertAnswer = db.prepare<
    [Stored<SupplementAnswerRow, 'answers'>],
    Stored<SupplementAnswerRow, 'answers'>
  >(`
    INSERT INTO supplement_answers (id, supplement_request_id, applicant_id, answers, created_at)
    VALUES (@id, @supplementRequestId, @applicantId, @answers, @createdAt)
    ON CONFLICT (supplement_request_id) DO NOTHING
    RETURNING ${ANSWER_COLUMNS}`);
  const withdrawNotification = db.prepare<[string, string]>(`
    UPDATE notifications SET withdrawn_at = ?
    WHERE id = (SELECT notification_id FROM supplement_requests WHERE id = ? AND withdrawn_at IS NULL)
      AND read_at IS NULL AND withdrawn_at IS NULL`);
  const withdrawRequest = db.prepare<[string, string]>(
    'UPDATE supplement_requests SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL',
  );
  const answerOf = db.prepare<[string], Stored<SupplementAnswerRow, 'answers'>>(
    `SELECT ${ANSWER_COLUMNS} FROM supplement_answers WHERE supplement_request_id = ?`,
  );

  return {
    create(notification) {
      const row = fromStored(
        insert.get({
          ...notification,
          id: randomUUID(),
          category: 'SEJOUR',
          content: toJsonColumn('content', notification.content),
          createdAt: toStoredInstant(notification.createdAt),
          readAt: null,
          withdrawnAt: null,
        }),
      );
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },
    find: (id) => fromStored(find.get(id)),
    listOfApplicant: (applicantId) =>
      ofApplicant.all(applicantId).map((row) => fromStored(row) as NotificationRow),
    markRead: (id, at) => markRead.run(toStoredInstant(at), id).changes > 0,
    createSupplementRequest(request) {
      const row = insertRequest.get({
        ...request,
        id: randomUUID(),
        items: JSON.stringify(request.items),
        createdAt: toStoredInstant(request.createdAt),
        withdrawnAt: null,
      });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return requestFromStored(row);
    },
    supplementRequestOfNotification(notificationId) {
      const row = requestOfNotification.get(notificationId);
      return row && requestFromStored(row);
    },
    pendingSupplementRequest(applicationId) {
      const row = pending.get(applicationId);
      return row && requestFromStored(row);
    },
    recordSupplementAnswer(answer) {
      const row = insertAnswer.get({
        ...answer,
        id: randomUUID(),
        answers: JSON.stringify(answer.answers),
        createdAt: toStoredInstant(answer.createdAt),
      });
      return row && answerFromStored(row);
    },
    withdrawSupplementRequest: db.transaction((supplementRequestId: string, at: string | Date) => {
      const stored = toStoredInstant(at);
      if (withdrawNotification.run(stored, supplementRequestId).changes === 0) return false;
      withdrawRequest.run(stored, supplementRequestId);
      return true;
    }),
    answerOf(supplementRequestId) {
      const row = answerOf.get(supplementRequestId);
      return row && answerFromStored(row);
    },
  };
}

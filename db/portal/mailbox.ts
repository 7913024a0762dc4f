import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

export interface MailRow {
  id: number;
  to: string;
  subject: string;
  body: string;
  at: string;
}

/** The e-mails the portal "sends": kept here, read back by dev.mailbox; nothing leaves the machine. */
export interface Mailbox {
  send(mail: { to: string; subject: string; body: string }, at: string | Date): MailRow;
  /** Oldest first. */
  listFor(email: string): MailRow[];
}

const COLUMNS = 'id, to_email AS "to", subject, body, created_at AS at';

export function createMailbox(db: Database.Database): Mailbox {
  const insert = db.prepare<[{ to: string; subject: string; body: string; at: string }], MailRow>(`
    INSERT INTO mailbox (to_email, subject, body, created_at) VALUES (@to, @subject, @body, @at)
    RETURNING ${COLUMNS}`);
  const listFor = db.prepare<[string], MailRow>(
    `SELECT ${COLUMNS} FROM mailbox WHERE to_email = ? ORDER BY id`,
  );
  return {
    send(mail, at) {
      const row = insert.get({ ...mail, to: mail.to.trim(), at: toStoredInstant(at) });
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      return row;
    },
    listFor: (email) => listFor.all(email.trim()),
  };
}

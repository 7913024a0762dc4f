import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';
import { fromJsonColumn, toJsonColumn, type JsonObject } from '../json-column';

export interface ApplicantRow {
  id: string;
  foreignerNumber: string;
  /** Stored trimmed and lowercase: one spelling per address. */
  email: string;
  /** As held by the national file (the shape is the dossier's civil status, see shared/dossier). */
  civilStatus: JsonObject;
  /** null until the account is activated. */
  passwordHash: string | null;
  createdAt: string;
  activatedAt: string | null;
}

export interface NewApplicant {
  foreignerNumber: string;
  email: string;
  civilStatus: JsonObject;
  createdAt?: string | Date;
}

export interface ApplicantRepository {
  /** Returns undefined when the foreigner number or the e-mail address is already taken. */
  create(applicant: NewApplicant): ApplicantRow | undefined;
  findById(id: string): ApplicantRow | undefined;
  /** By e-mail address or by foreigner number, as the login page accepts either. */
  findByLogin(login: string): ApplicantRow | undefined;
  foreignerNumberTaken(foreignerNumber: string): boolean;
  activate(id: string, passwordHash: string, at: string | Date): void;
}

export function canonicalEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

type StoredApplicant = Omit<ApplicantRow, 'civilStatus'> & { civilStatus: string };

const COLUMNS = `
  id, foreigner_number AS foreignerNumber, email, civil_status AS civilStatus,
  password_hash AS passwordHash, created_at AS createdAt, activated_at AS activatedAt`;

const fromStored = (row: StoredApplicant | undefined): ApplicantRow | undefined =>
  row && { ...row, civilStatus: fromJsonColumn('civil_status', row.civilStatus) };

export function createApplicantRepository(db: Database.Database): ApplicantRepository {
  const insert = db.prepare<[StoredApplicant], StoredApplicant>(`
    INSERT INTO applicants (id, foreigner_number, email, civil_status, password_hash, created_at, activated_at)
    VALUES (@id, @foreignerNumber, @email, @civilStatus, @passwordHash, @createdAt, @activatedAt)
    ON CONFLICT DO NOTHING
    RETURNING ${COLUMNS}`);
  const byId = db.prepare<[string], StoredApplicant>(
    `SELECT ${COLUMNS} FROM applicants WHERE id = ?`,
  );
  const byEmail = db.prepare<[string], StoredApplicant>(
    `SELECT ${COLUMNS} FROM applicants WHERE email = ?`,
  );
  const byForeignerNumber = db.prepare<[string], StoredApplicant>(
    `SELECT ${COLUMNS} FROM applicants WHERE foreigner_number = ?`,
  );
  const activate = db.prepare(
    'UPDATE applicants SET password_hash = ?, activated_at = coalesce(activated_at, ?) WHERE id = ?',
  );

  return {
    create({ foreignerNumber, email, civilStatus, createdAt = new Date() }) {
      return fromStored(
        insert.get({
          id: randomUUID(),
          foreignerNumber,
          email: canonicalEmail(email),
          civilStatus: toJsonColumn('civil_status', civilStatus),
          passwordHash: null,
          createdAt: toStoredInstant(createdAt),
          activatedAt: null,
        }),
      );
    },
    findById: (id) => fromStored(byId.get(id)),
    findByLogin(login) {
      const trimmed = login.trim();
      if (trimmed.includes('@')) return fromStored(byEmail.get(canonicalEmail(trimmed)));
      return fromStored(byForeignerNumber.get(trimmed.replace(/\s/g, '')));
    },
    foreignerNumberTaken: (foreignerNumber) => byForeignerNumber.get(foreignerNumber) !== undefined,
    activate(id, passwordHash, at) {
      activate.run(passwordHash, toStoredInstant(at), id);
    },
  };
}

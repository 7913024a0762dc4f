import type Database from 'better-sqlite3';
import { toStoredInstant } from '../instant';

export type TokenKind = 'applicant' | 'agent' | 'activation';

/** A token as stored: by its SHA-256 only (the token itself never reaches the file). */
export interface TokenRow {
  tokenSha256: string;
  kind: TokenKind;
  applicantId: string | null;
  agentId: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface NewToken {
  tokenSha256: string;
  kind: TokenKind;
  /** The applicant (kinds 'applicant' and 'activation') or the agent (kind 'agent'). */
  subjectId: string;
  createdAt: string | Date;
  expiresAt: string | Date;
}

export interface TokenRepository {
  insert(token: NewToken): void;
  find(tokenSha256: string): TokenRow | undefined;
  /** Marks a single-use token used; false when it already was. */
  markUsed(tokenSha256: string, at: string | Date): boolean;
  delete(tokenSha256: string): void;
  /** Removes the tokens that expired before `now`; returns how many. */
  purgeExpired(now: string | Date): number;
}

const COLUMNS = `
  token_sha256 AS tokenSha256, kind, applicant_id AS applicantId, agent_id AS agentId,
  created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt`;

export function createTokenRepository(db: Database.Database): TokenRepository {
  const insert = db.prepare(`
    INSERT INTO tokens (token_sha256, kind, applicant_id, agent_id, created_at, expires_at)
    VALUES (@tokenSha256, @kind, @applicantId, @agentId, @createdAt, @expiresAt)`);
  const find = db.prepare<[string], TokenRow>(
    `SELECT ${COLUMNS} FROM tokens WHERE token_sha256 = ?`,
  );
  const markUsed = db.prepare(
    'UPDATE tokens SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL',
  );
  const remove = db.prepare('DELETE FROM tokens WHERE token_sha256 = ?');
  const purge = db.prepare('DELETE FROM tokens WHERE expires_at < ?');

  return {
    insert({ tokenSha256, kind, subjectId, createdAt, expiresAt }) {
      insert.run({
        tokenSha256,
        kind,
        applicantId: kind === 'agent' ? null : subjectId,
        agentId: kind === 'agent' ? subjectId : null,
        createdAt: toStoredInstant(createdAt),
        expiresAt: toStoredInstant(expiresAt),
      });
    },
    find: (tokenSha256) => find.get(tokenSha256),
    markUsed: (tokenSha256, at) => markUsed.run(toStoredInstant(at), tokenSha256).changes > 0,
    delete(tokenSha256) {
      remove.run(tokenSha256);
    },
    purgeExpired: (now) => purge.run(toStoredInstant(now)).changes,
  };
}

import type { TokenRepository } from '../../db/portal/token-repository';
import { newToken, tokenSha256 } from './tokens';

/** « Pour des raisons de sécurité, ce lien n'est valable que 24 heures. » (the activation e-mail) */
export const ACTIVATION_TTL_MS = 24 * 60 * 60_000;
/** A working day: an applicant or an agent logs in again the next morning. */
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60_000;

export type SessionKind = 'applicant' | 'agent';

export type Resolved =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'ok'; kind: SessionKind; subjectId: string };

/** Bearer sessions and activation links, stored by their SHA-256 only. */
export function createSessions({
  tokens,
  now,
  sessionTtlMs = DEFAULT_SESSION_TTL_MS,
}: {
  tokens: TokenRepository;
  now: () => Date;
  sessionTtlMs?: number;
}) {
  function issue(kind: SessionKind | 'activation', subjectId: string, ttlMs: number): string {
    const { token, sha256 } = newToken();
    const createdAt = now();
    tokens.insert({
      tokenSha256: sha256,
      kind,
      subjectId,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + ttlMs),
    });
    return token;
  }

  return {
    open(kind: SessionKind, subjectId: string): string {
      tokens.purgeExpired(now());
      return issue(kind, subjectId, sessionTtlMs);
    },

    openActivation(applicantId: string): string {
      return issue('activation', applicantId, ACTIVATION_TTL_MS);
    },

    /** Whose session a bearer token is; an activation link is never a session. */
    resolve(token: string | null): Resolved {
      if (token === null) return { status: 'none' };
      const row = tokens.find(tokenSha256(token));
      if (!row || row.kind === 'activation') return { status: 'expired' };
      if (row.expiresAt <= now().toISOString()) return { status: 'expired' };
      const subjectId = row.kind === 'agent' ? row.agentId : row.applicantId;
      return subjectId ? { status: 'ok', kind: row.kind, subjectId } : { status: 'expired' };
    },

    close(token: string): void {
      tokens.delete(tokenSha256(token));
    },

    /** The applicant an activation link was sent to, once: the link is used up. null when invalid. */
    consumeActivation(token: string): string | null {
      const sha256 = tokenSha256(token);
      const row = tokens.find(sha256);
      if (!row || row.kind !== 'activation' || row.usedAt !== null) return null;
      if (row.expiresAt <= now().toISOString()) return null;
      return tokens.markUsed(sha256, now()) ? row.applicantId : null;
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what travels in `Authorization: Bearer …` and in activation links. */
export function newToken(): { token: string; sha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: tokenSha256(token) };
}

/** Only this digest is stored: a copy of the database opens no session. */
export function tokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A bearer token as sent: base64url characters only, so anything else is refused before a lookup. */
export function parseBearer(header: string | undefined): string | null {
  const match = /^Bearer ([\w-]{16,128})$/.exec(header ?? '');
  return match?.[1] ?? null;
}

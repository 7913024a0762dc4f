import type { DomainError } from './errors';

/** What a check returns: the normalised value, or why it was refused. Errors are values, never thrown. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

import type { z } from 'zod';
import { invalidField, type DomainError } from '../errors';

/** The dotted path of an issue, as in 'motive.family.unionStartDate' or 'documents.files.identity.0.mime'. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Zod issues → domain errors; an identifier or file check carried through zod keeps its own code. */
export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): DomainError[] {
  return issues.map((issue) => {
    const field = fieldOf([...prefix, ...issue.path]);
    const carried =
      issue.code === 'custom'
        ? (issue.params?.['domainError'] as DomainError | undefined)
        : undefined;
    return carried ? { ...carried, field } : invalidField(field, issue.message);
  });
}

/**
 * Last-resort French wording for a rule that has no message of its own. Passed to every parse of
 * validate.ts; schema messages take precedence, so it only shows if a schema misses one.
 */
export function frenchFallback(issue: { input?: unknown }): string {
  return issue.input === undefined ? 'Ce champ est obligatoire.' : 'Cette valeur est invalide.';
}

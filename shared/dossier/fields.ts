/**
 * Building blocks of the dossier schemas, so every field speaks French the same way. Messages
 * name the field by its label in the applicant's form (« Le champ « Ville » est obligatoire. »).
 */
import { z } from 'zod';
import { isAfter, isIsoDate, type IsoDate } from '../dates/calendar-date';
import { formatFrenchDate } from '../dates/format';
import type { DomainError } from '../errors';
import type { Result } from '../result';

/** Carries a domain error through zod so that issues.ts gives back its code, not a generic one. */
export function addDomainIssue(
  ctx: z.RefinementCtx,
  error: DomainError,
  path: PropertyKey[] = [],
): void {
  ctx.addIssue({ code: 'custom', message: error.message, path, params: { domainError: error } });
}

function requiredOrText(label: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null
      ? `Le champ « ${label} » est obligatoire.`
      : `Le champ « ${label} » doit être un texte.`;
}

function tooLong(label: string, max: number): string {
  return `Le champ « ${label} » ne doit pas dépasser ${max} caractères.`;
}

/** Trimmed, not empty, at most `max` characters. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: requiredOrText(label) })
    .trim()
    .min(1, { error: `Le champ « ${label} » est obligatoire.` })
    .max(max, { error: tooLong(label, max) });
}

/** May be absent, null or blank; comes out as undefined then. */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `Le champ « ${label} » doit être un texte.` })
    .trim()
    .max(max, { error: tooLong(label, max) })
    .nullish()
    .transform((value) => (value ? value : undefined));
}

/** A text checked (and normalised) by one of the identifier checks, whose message is kept. */
export function checkedText<T>(label: string, check: (input: string) => Result<T>) {
  return z.string({ error: requiredOrText(label) }).transform((input, ctx) => {
    const checked = check(input);
    if (checked.ok) return checked.value;
    addDomainIssue(ctx, checked.error);
    return z.NEVER;
  });
}

/** Like checkedText, but absent, null or blank is allowed and comes out as undefined. */
export function optionalCheckedText<T>(label: string, check: (input: string) => Result<T>) {
  return z
    .string({ error: `Le champ « ${label} » doit être un texte.` })
    .nullish()
    .transform((input, ctx) => {
      if (!input?.trim()) return undefined;
      const checked = check(input);
      if (checked.ok) return checked.value;
      addDomainIssue(ctx, checked.error);
      return z.NEVER;
    });
}

/** A real calendar date 'yyyy-mm-dd'. `noun` starts the sentence: « La date de naissance ». */
export function dateField(label: string, noun: string) {
  return z
    .string({ error: requiredOrText(label) })
    .refine(isIsoDate, { error: `${noun} n'est pas une date valide.`, abort: true });
}

/** A calendar date that is not after `asOf` (an entry date cannot be in the future). */
export function pastDateField(label: string, noun: string, asOf: IsoDate) {
  return dateField(label, noun).refine((date) => !isAfter(date, asOf), {
    error: `${noun} ne peut pas être postérieure au ${formatFrenchDate(asOf)}.`,
  });
}

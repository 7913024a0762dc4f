import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z, ZodError } from 'zod';

// Every program that validates input speaks French to people: zod's own messages included.
z.config(z.locales.fr());

/** A validation problem on one input field, in French for the person who typed it. */
export interface FieldIssue {
  /** Dotted path in the input; '' for the whole call. */
  path: string;
  /** Stable, for programs: zod's codes ('too_small'…) or ours ('session_locked'…). */
  code: string;
  message: string;
}

/** An error whose message (and issues) were written for the agent; anything else gets a generic French text. */
export class UserFacingError extends TRPCError {
  constructor(
    code: TRPC_ERROR_CODE_KEY,
    message: string,
    readonly issues?: readonly FieldIssue[],
  ) {
    super({ code, message });
  }
}

/**
 * A dossier of another service: answered as missing (its existence is not told), and journaled
 * by the agent procedures as a refused access, with the number tried.
 */
export class OtherServiceDossierError extends UserFacingError {
  constructor(
    readonly applicationNumber: string,
    message: string,
  ) {
    super('NOT_FOUND', message);
  }
}

const GENERIC_MESSAGES: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: 'La requête reçue est illisible.',
  BAD_REQUEST: 'La requête reçue est incorrecte.',
  UNAUTHORIZED: 'Vous devez vous connecter.',
  FORBIDDEN: "Vous n'avez pas accès à cette action.",
  NOT_FOUND: "L'élément demandé n'existe pas.",
  METHOD_NOT_SUPPORTED: "Cette méthode d'appel n'est pas acceptée.",
  TOO_MANY_REQUESTS: 'Trop de tentatives. Patientez avant de réessayer.',
  PAYLOAD_TOO_LARGE: 'Les données envoyées sont trop volumineuses.',
};
const UNEXPECTED = 'Une erreur inattendue est survenue. Si elle se reproduit, prévenez le support.';

/** The French message and field issues shown for any error leaving the router. */
export function describeError(error: TRPCError): { message: string; issues?: FieldIssue[] } {
  if (error instanceof UserFacingError) {
    return error.issues
      ? { message: error.message, issues: [...error.issues] }
      : { message: error.message };
  }
  if (error.cause instanceof ZodError) {
    return {
      message: 'Certaines informations saisies ne sont pas valides.',
      issues: error.cause.issues.map((issue) => ({
        path: issue.path.join('.'),
        code: issue.code,
        message: issue.message,
      })),
    };
  }
  return { message: GENERIC_MESSAGES[error.code] ?? UNEXPECTED };
}

// The session's errors are created here, once, so their code, marker and wording never drift apart.

export const sessionExpired = () =>
  new UserFacingError('UNAUTHORIZED', 'Votre session a expiré. Veuillez vous reconnecter.');

/** Marked `session_locked` so the renderer asks for the password instead of showing the login page. */
export function sessionLocked(reason: 'idle' | 'agent', idleMinutes: number): UserFacingError {
  const message =
    reason === 'idle'
      ? `Session verrouillée après ${idleMinutes} minute${idleMinutes > 1 ? 's' : ''} d'inactivité : saisissez votre mot de passe.`
      : 'Session verrouillée : saisissez votre mot de passe.';
  return new UserFacingError('UNAUTHORIZED', message, [
    { path: '', code: 'session_locked', message },
  ]);
}

/** Not UNAUTHORIZED: the session is still there, locked, and the agent may try again. */
export function wrongUnlockPassword(attemptsLeft: number): UserFacingError {
  const message = `Mot de passe incorrect. Encore ${attemptsLeft} tentative${attemptsLeft > 1 ? 's' : ''} avant le verrouillage du compte.`;
  return new UserFacingError('BAD_REQUEST', message, [
    { path: 'password', code: 'wrong_password', message },
  ]);
}

export function accountLocked(lockMinutes: number): UserFacingError {
  const message = `Trop de tentatives : compte verrouillé pendant ${lockMinutes} minutes.`;
  return new UserFacingError('TOO_MANY_REQUESTS', message, [
    { path: '', code: 'account_locked', message },
  ]);
}

import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z, ZodError } from 'zod';

// Every program that validates input speaks French to people: zod's own messages included.
z.config(z.locales.fr());

/** An error whose message was written for the agent; anything else gets a generic French text. */
export class UserFacingError extends TRPCError {
  constructor(code: TRPC_ERROR_CODE_KEY, message: string) {
    super({ code, message });
  }
}

/** A validation problem on one input field, in French for the person who typed it. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
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
  if (error instanceof UserFacingError) return { message: error.message };
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

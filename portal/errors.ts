import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { DomainError } from '../shared/errors';

// Every program that validates input speaks French to people: zod's own messages included.
z.config(z.locales.fr());

/** A validation problem on one input field, in French for the person who typed it. */
export interface FieldIssue {
  /** Dotted path in the input ('personal.address.city', 'answers.0.reason'); '' for the whole input. */
  path: string;
  /** Stable, for programs: shared's domain codes ('document_missing'…) or zod's ('too_small'…). */
  code: string;
  message: string;
}

/** An error whose message (and issues) were written for people; anything else gets a generic French text. */
export class UserFacingError extends TRPCError {
  constructor(
    code: TRPC_ERROR_CODE_KEY,
    message: string,
    readonly issues?: readonly FieldIssue[],
  ) {
    super({ code, message });
  }
}

const GENERIC_MESSAGES: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: 'La requête reçue est illisible.',
  BAD_REQUEST: 'La requête reçue est incorrecte.',
  UNAUTHORIZED: 'Vous devez vous connecter.',
  FORBIDDEN: "Vous n'avez pas accès à cette action.",
  NOT_FOUND: "L'élément demandé n'existe pas.",
  METHOD_NOT_SUPPORTED: "Cette méthode d'appel n'est pas acceptée.",
  CONFLICT: "L'élément a été modifié entre-temps. Rechargez-le et recommencez.",
  TOO_MANY_REQUESTS: 'Trop de tentatives. Patientez avant de réessayer.',
  PAYLOAD_TOO_LARGE: 'Les données envoyées sont trop volumineuses.',
};
const UNEXPECTED = 'Une erreur inattendue est survenue. Si elle se reproduit, prévenez le support.';
const INVALID_INPUT = 'Certaines informations saisies ne sont pas valides.';

export function zodIssues(error: ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

export function domainIssues(errors: readonly DomainError[]): FieldIssue[] {
  return errors.map(({ field = '', code, message }) => ({ path: field, code, message }));
}

/** The French message and field issues shown for any error leaving the router. */
export function describeError(error: TRPCError): { message: string; issues?: FieldIssue[] } {
  if (error instanceof UserFacingError) {
    return error.issues
      ? { message: error.message, issues: [...error.issues] }
      : { message: error.message };
  }
  if (error.cause instanceof ZodError)
    return { message: INVALID_INPUT, issues: zodIssues(error.cause) };
  return { message: GENERIC_MESSAGES[error.code] ?? UNEXPECTED };
}

// Each kind of error is created here, once, so its code and its wording never drift apart.

export function invalidInput(
  issues: readonly FieldIssue[],
  message = INVALID_INPUT,
): UserFacingError {
  return new UserFacingError('BAD_REQUEST', message, issues);
}

export function incompleteApplication(issues: readonly FieldIssue[]): UserFacingError {
  return new UserFacingError(
    'BAD_REQUEST',
    `Votre demande ne peut pas être déposée : ${issues.length === 1 ? 'un élément manque ou est invalide' : `${issues.length} éléments manquent ou sont invalides`}.`,
    issues,
  );
}

export const notSignedIn = () => new UserFacingError('UNAUTHORIZED', 'Vous devez vous connecter.');

export const sessionExpired = () =>
  new UserFacingError('UNAUTHORIZED', 'Votre session a expiré. Veuillez vous reconnecter.');

export const invalidCredentials = () =>
  new UserFacingError('UNAUTHORIZED', 'Identifiant ou mot de passe incorrect.');

export const tooManyAttempts = () =>
  new UserFacingError(
    'TOO_MANY_REQUESTS',
    'Trop de tentatives de connexion. Patientez une minute avant de réessayer.',
  );

export const applicantsOnly = () =>
  new UserFacingError(
    'FORBIDDEN',
    'Cette action est réservée aux usagers connectés à leur espace personnel.',
  );

export const agentsOnly = () =>
  new UserFacingError('FORBIDDEN', 'Cette action est réservée aux agents de préfecture.');

export const activationLinkInvalid = () =>
  new UserFacingError(
    'UNAUTHORIZED',
    "Ce lien de confirmation n'est pas ou plus valable (il n'est valable que 24 heures et une seule fois). Renseignez de nouveau les informations de création de votre compte.",
  );

export const emailTaken = () =>
  new UserFacingError('CONFLICT', 'Un compte existe déjà avec cette adresse e-mail.');

export const agentLoginTaken = (login: string) =>
  new UserFacingError(
    'CONFLICT',
    `L'identifiant « ${login} » est déjà utilisé par un autre agent.`,
  );

export const applicationNotFound = () =>
  new UserFacingError('NOT_FOUND', "Cette demande n'existe pas ou n'est pas la vôtre.");

export const notificationNotFound = () =>
  new UserFacingError('NOT_FOUND', "Cette notification n'existe pas ou ne vous est pas adressée.");

export const procedureNotOpen = (label: string) =>
  new UserFacingError(
    'BAD_REQUEST',
    `La démarche « ${label} » n'est pas encore ouverte au dépôt en ligne.`,
  );

export const applicationAlreadySubmitted = () =>
  new UserFacingError(
    'CONFLICT',
    'Cette demande a déjà été déposée : elle ne peut plus être modifiée. Signalez tout changement en répondant aux notifications de votre espace personnel.',
  );

export const notASupplementRequest = () =>
  new UserFacingError('BAD_REQUEST', "Cette notification n'appelle pas de réponse.");

export const supplementWithdrawn = () =>
  new UserFacingError(
    'CONFLICT',
    "Cette demande de complément a été retirée ou remplacée par l'agent instructeur : elle n'appelle plus de réponse. Consultez vos notifications.",
  );

export const supplementAlreadyAnswered = () =>
  new UserFacingError('CONFLICT', 'Vous avez déjà répondu à cette demande de complément.');

/** The state machine refused: its French message says why (« Ce dossier est clôturé. »…). */
export const transitionRefused = (error: DomainError) =>
  new UserFacingError('CONFLICT', error.message);

export const noNumberLeft = () =>
  new UserFacingError(
    'INTERNAL_SERVER_ERROR',
    "Plus aucun numéro de demande n'est disponible aujourd'hui pour ce département. Réessayez demain.",
  );

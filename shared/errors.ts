/**
 * Domain errors are plain values (they cross tRPC, IPC and the sync outbox as JSON).
 * `message` is French and meant for people; `code` is stable and meant for code;
 * `field` is the dotted path of the input concerned, when there is one (the schema layer sets it).
 * Each kind of error is created by exactly one function below, so a code and its wording never drift apart.
 */
export type DomainError = Readonly<{ code: ErrorCode; message: string; field?: string }>;

export type ErrorCode =
  | 'identifier_invalid'
  | 'identifier_mismatch'
  | 'address_unroutable'
  | 'file_empty'
  | 'file_too_large'
  | 'file_format'
  | 'files_too_many'
  | 'files_none'
  | 'field_invalid'
  | 'document_missing'
  | 'document_not_in_procedure'
  | 'transition_role'
  | 'transition_status'
  | 'transition_decided'
  | 'transition_closed'
  | 'transition_guard';

function make(code: ErrorCode, message: string, field?: string): DomainError {
  return field === undefined ? { code, message } : { code, message, field };
}

/** An identifier (numéro étranger, numéro de la demande, code INSEE, téléphone…) is malformed. */
export function invalidIdentifier(message: string): DomainError {
  return make('identifier_invalid', message);
}

/** A value typed twice (the e-photo number) differs between the two entries. */
export function identifierMismatch(message: string): DomainError {
  return make('identifier_mismatch', message);
}

/** A well-formed address that no prefecture served by this procedure handles. */
export function unroutableAddress(message: string): DomainError {
  return make('address_unroutable', message);
}

export function fileEmpty(fileName: string): DomainError {
  return make('file_empty', `Le fichier « ${fileName} » est vide.`);
}

export function fileTooLarge(fileName: string, maxLabel: string): DomainError {
  return make(
    'file_too_large',
    `Le fichier « ${fileName} » dépasse la taille maximale de ${maxLabel} par fichier.`,
  );
}

export function fileFormatRefused(fileName: string, formatsLabel: string): DomainError {
  return make(
    'file_format',
    `Le fichier « ${fileName} » n'est pas dans un format accepté (${formatsLabel}).`,
  );
}

export function tooManyFiles(max: number): DomainError {
  return make('files_too_many', `Vous pouvez joindre ${max} fichiers au maximum par justificatif.`);
}

export function noFile(): DomainError {
  return make('files_none', 'Veuillez joindre au moins un fichier pour ce justificatif.');
}

/** A field of the dossier breaks one of its schema rules (the message names the rule). */
export function invalidField(field: string, message: string): DomainError {
  return make('field_invalid', message, field);
}

/** A document the procedure requires for this applicant was not provided. */
export function missingDocument(label: string, field: string): DomainError {
  return make('document_missing', `Le justificatif « ${label} » est obligatoire.`, field);
}

/** The e-photo number stands for the identity photo, which is required like a document. */
export function missingEphoto(label: string, field: string): DomainError {
  return make('document_missing', `Le numéro ephoto (« ${label} ») est obligatoire.`, field);
}

/** Files were attached under a document that the dossier's procedure does not ask for. */
export function documentNotInProcedure(label: string, field: string): DomainError {
  return make(
    'document_not_in_procedure',
    `Le justificatif « ${label} » ne fait pas partie des pièces de cette démarche.`,
    field,
  );
}

/** The actor's role may not trigger this event. `allowedRolesText` reads like « à l'agent instructeur ou au chef de bureau ». */
export function roleNotAllowed(allowedRolesText: string): DomainError {
  return make('transition_role', `Cette action est réservée ${allowedRolesText}.`);
}

export function wrongStatus(statusLabel: string): DomainError {
  return make(
    'transition_status',
    `Cette action n'est pas possible pour un dossier au statut « ${statusLabel} ».`,
  );
}

export function alreadyDecided(): DomainError {
  return make('transition_decided', 'Une décision a déjà été prise sur ce dossier.');
}

export function dossierClosed(): DomainError {
  return make('transition_closed', 'Ce dossier est clôturé.');
}

/** A transition's precondition (a deadline, a self-assignment) is not met; the message says which. */
export function guardFailed(message: string): DomainError {
  return make('transition_guard', message);
}

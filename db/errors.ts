/**
 * Storage failures: opening a database, migrating it, reading or writing a stored file.
 * They are thrown (they stop a start-up or a download), carry a stable `code` for programs and a
 * French `message` for people, and the underlying error as `cause`. Each kind is created by one
 * function below, so a code and its wording never drift apart.
 */
export type StorageErrorCode =
  | 'db_cannot_open'
  | 'db_not_sqlite'
  | 'db_corrupted'
  | 'db_foreign'
  | 'db_schema_too_new'
  | 'db_schema_mismatch'
  | 'db_schema_outdated'
  | 'db_migrations_invalid'
  | 'db_migration_failed'
  | 'instant_invalid'
  | 'json_object_invalid'
  | 'agent_login_taken'
  | 'blob_id_invalid'
  | 'blob_not_found'
  | 'blob_corrupted'
  | 'blob_too_large'
  | 'blob_hash_mismatch'
  | 'blob_range_invalid';

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

export function databaseCannotOpen(file: string, cause: unknown): StorageError {
  return new StorageError(
    'db_cannot_open',
    `Impossible d'ouvrir la base de données « ${file} ».`,
    cause,
  );
}

export function notASqliteDatabase(file: string, cause?: unknown): StorageError {
  return new StorageError(
    'db_not_sqlite',
    `Le fichier « ${file} » n'est pas une base de données SQLite lisible ; il n'a pas été modifié.`,
    cause,
  );
}

export function databaseCorrupted(file: string, cause: unknown): StorageError {
  return new StorageError(
    'db_corrupted',
    `La base de données « ${file} » est endommagée ; elle n'a pas été modifiée. Restaurez une sauvegarde.`,
    cause,
  );
}

/** A valid SQLite file that this code never created: migrating it would write into someone else's data. */
export function foreignDatabase(file: string): StorageError {
  return new StorageError(
    'db_foreign',
    `Le fichier « ${file} » est une base SQLite qui n'a pas été créée par cette application ; il n'a pas été modifié.`,
  );
}

export function schemaTooNew(file: string, found: number, known: number): StorageError {
  return new StorageError(
    'db_schema_too_new',
    `La base de données « ${file} » est en version ${found}, plus récente que celle que connaît cette version de l'application (${known}). ` +
      "Mettez l'application à jour ; la base n'a pas été modifiée.",
  );
}

/** The file records a migration under a version whose name differs from the code's, or skipped one. */
export function schemaMismatch(file: string, detail: string): StorageError {
  return new StorageError(
    'db_schema_mismatch',
    `La base de données « ${file} » ne correspond pas à cette application (${detail}) ; elle n'a pas été modifiée.`,
  );
}

export function schemaOutdated(file: string, found: number, known: number): StorageError {
  return new StorageError(
    'db_schema_outdated',
    `La base de données « ${file} » est en version ${found} et doit être mise à jour en version ${known}, ` +
      'ce qui est impossible en lecture seule.',
  );
}

/** A programming error in a migration list: caught before the file is touched. */
export function invalidMigrationList(detail: string): StorageError {
  return new StorageError('db_migrations_invalid', `Liste de migrations invalide : ${detail}.`);
}

export function migrationFailed(
  version: number,
  name: string,
  previous: number,
  cause: unknown,
): StorageError {
  return new StorageError(
    'db_migration_failed',
    `La mise à jour n° ${version} (« ${name} ») de la base de données a échoué ; la base est restée en version ${previous}.`,
    cause,
  );
}

export function invalidInstant(value: unknown): StorageError {
  return new StorageError(
    'instant_invalid',
    `« ${String(value)} » n'est pas un instant ISO 8601 avec heure et fuseau (par exemple 2023-08-16T12:37:00.000Z).`,
  );
}

export function invalidJsonObject(column: string, cause?: unknown): StorageError {
  return new StorageError(
    'json_object_invalid',
    `La valeur de « ${column} » doit être un objet JSON.`,
    cause,
  );
}

export function loginTaken(login: string, cause: unknown): StorageError {
  return new StorageError(
    'agent_login_taken',
    `L'identifiant « ${login} » est déjà utilisé par un autre agent.`,
    cause,
  );
}

export function invalidBlobId(value: unknown): StorageError {
  return new StorageError(
    'blob_id_invalid',
    `« ${String(value).slice(0, 80)} » n'est pas une empreinte SHA-256 (64 caractères hexadécimaux en minuscules).`,
  );
}

export function blobNotFound(sha256: string): StorageError {
  return new StorageError('blob_not_found', `Le fichier ${sha256} n'est pas présent sur ce poste.`);
}

/** The bytes on disk no longer hash to their name: a disk fault or a tampering, never to be served. */
export function blobCorrupted(sha256: string, actual: string): StorageError {
  return new StorageError(
    'blob_corrupted',
    `Le fichier ${sha256} est endommagé sur ce poste (empreinte lue : ${actual}) ; il doit être téléchargé de nouveau.`,
  );
}

export function blobTooLarge(maxBytes: number): StorageError {
  return new StorageError(
    'blob_too_large',
    `Le fichier dépasse la taille maximale de ${maxBytes} octets.`,
  );
}

export function blobHashMismatch(expected: string, actual: string): StorageError {
  return new StorageError(
    'blob_hash_mismatch',
    `Le fichier reçu ne correspond pas à l'empreinte attendue (${expected}, reçu ${actual}) ; il n'a pas été conservé.`,
  );
}

export function blobRangeInvalid(sha256: string, size: number): StorageError {
  return new StorageError(
    'blob_range_invalid',
    `La plage d'octets demandée n'existe pas dans le fichier ${sha256} (${size} octets).`,
  );
}

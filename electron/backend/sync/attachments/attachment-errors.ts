/**
 * Why an attachment could not be downloaded, sorted by what to do next (as PortalFailure does for
 * the data sync):
 * - the portal, not the file, is the problem: `offline`, `unauthorized` (a new login is needed),
 *   `stopped` (the downloader was stopped) — the round ends, the file is not blamed;
 * - the file is: `refused` (403/404, retried much later), `server_error`, `interrupted`,
 *   `corrupted` (retried with a growing delay);
 * - the viewer asked for something impossible: `unknown_file`, `no_portal`.
 * Each kind is created by one function below, with its French message.
 */
export type AttachmentErrorCode =
  | 'offline'
  | 'unauthorized'
  | 'stopped'
  | 'refused'
  | 'server_error'
  | 'interrupted'
  | 'corrupted'
  | 'unknown_file'
  | 'no_portal';

export class AttachmentError extends Error {
  override readonly name = 'AttachmentError';

  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function portalOffline(cause?: unknown): AttachmentError {
  return new AttachmentError(
    'offline',
    'Le portail ne répond pas : les pièces seront téléchargées au retour de la connexion.',
    { cause },
  );
}

export function sessionExpired(): AttachmentError {
  return new AttachmentError(
    'unauthorized',
    'Votre session sur le portail a expiré : reconnectez-vous pour télécharger les pièces.',
  );
}

export function downloadStopped(): AttachmentError {
  return new AttachmentError(
    'stopped',
    'Le téléchargement a été arrêté ; il reprendra au prochain démarrage.',
  );
}

export function fileRefused(status: number): AttachmentError {
  return new AttachmentError(
    'refused',
    `Le portail refuse l'envoi de ce fichier (HTTP ${status}) : il n'existe plus ou n'appartient pas à votre service. Nouvel essai plus tard.`,
  );
}

export function portalServerError(status: number): AttachmentError {
  return new AttachmentError(
    'server_error',
    `Le portail a rencontré une erreur (HTTP ${status}) en envoyant ce fichier. Nouvel essai automatique.`,
  );
}

export function downloadInterrupted(cause?: unknown): AttachmentError {
  return new AttachmentError(
    'interrupted',
    "Le téléchargement s'est interrompu ; il reprendra là où il s'est arrêté.",
    { cause },
  );
}

export function fileCorrupted(detail: string): AttachmentError {
  return new AttachmentError(
    'corrupted',
    `Le fichier reçu ne correspond pas à celui annoncé par le portail (${detail}) ; il n'a pas été conservé et sera téléchargé de nouveau.`,
  );
}

export function unknownFile(sha256: string): AttachmentError {
  return new AttachmentError(
    'unknown_file',
    `Le fichier ${sha256.slice(0, 12)}… n'est pas connu sur ce poste : synchronisez avant de l'ouvrir.`,
  );
}

export function noPortal(): AttachmentError {
  return new AttachmentError(
    'no_portal',
    "Aucun portail n'est configuré : ce fichier n'a pas encore été téléchargé sur ce poste.",
  );
}

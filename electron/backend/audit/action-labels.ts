import { eventLabel } from '../../../shared/workflow/action-labels';

/** The journal's codes, as the supervisor reads them. */
const LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'Connexion',
  'auth.login_failed': 'Échec de connexion',
  'auth.login_locked': 'Connexion suspendue (trop de tentatives)',
  'auth.logout': 'Déconnexion',
  'auth.reconnect': 'Reconnexion au portail',
  'auth.reconnect_failed': 'Échec de reconnexion au portail',
  'auth.account_locked': 'Compte verrouillé (trop de tentatives)',
  'auth.session_locked': 'Session verrouillée',
  'auth.unlock': 'Session déverrouillée',
  'auth.unlock_failed': 'Échec du déverrouillage de session',
  'auth.forbidden': 'Accès refusé',
  'queue.export': 'Export de la file des dossiers',
  'outbox.dropped': 'Action abandonnée',
  'review.verdict': 'Avis donné sur une pièce',
  'review.verdict_cleared': 'Avis retiré sur une pièce',
  'review.note_added': 'Note privée ajoutée',
  'review.note_edited': 'Note privée modifiée',
  'review.note_deleted': 'Note privée supprimée',
  'review.highlight_added': 'Zone annotée ajoutée',
  'review.highlight_deleted': 'Zone annotée supprimée',
  'audit.export': "Export du journal d'audit",
  'audit.purged': "Purge du journal d'audit (durée de conservation)",
};

/** application.request_supplement → requestSupplement: the outbox's event names (outbox-actions.ts). */
const camelCase = (snake: string) =>
  snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The French label of an action code; the code itself when it has none. */
export function actionLabel(action: string): string {
  const known = LABELS[action];
  if (known) return known;
  if (action.startsWith('application.')) {
    const event = camelCase(action.slice('application.'.length));
    const label = eventLabel(event);
    if (label !== event) return label;
  }
  return action;
}

/** The families and codes offered in the Action filter (a prefix: « auth. » is every login). */
export const ACTION_FILTERS: readonly { value: string; label: string }[] = [
  { value: 'auth.', label: 'Connexions et accès (toutes)' },
  { value: 'application.', label: 'Actions sur les dossiers (toutes)' },
  { value: 'review.', label: "Travail d'instruction (verdicts, notes)" },
  { value: 'outbox.', label: 'Actions abandonnées' },
  { value: 'queue.', label: 'Exports de la file' },
  { value: 'audit.', label: "Journal d'audit (exports, purges)" },
  ...Object.entries(LABELS).map(([value, label]) => ({ value, label })),
];

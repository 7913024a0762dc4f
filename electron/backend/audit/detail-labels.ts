import { isIsoDate } from '../../../shared/dates/calendar-date';
import { formatFrenchDate, formatParisDate } from '../../../shared/dates/format';
import { parisTimeOf } from '../../../shared/dates/paris-time';
import { DOCUMENTS, type DocumentKey } from '../../../shared/procedures/documents';

// How an entry's details read for the chef de bureau, on the screen and in the exports: keys and
// codes in French. The stored details keep their codes (the chain hashes them as written).

const KEYS: Readonly<Record<string, string>> = {
  outboxId: 'action n°',
  replaces: 'remplace l’action n°',
  agentId: 'agent',
  reason: 'motif',
  decision: 'décision',
  decisionId: 'décision n°',
  comment: 'commentaire',
  validFrom: 'valable du',
  validTo: 'valable au',
  decisionDate: 'date de la décision',
  cardValidFrom: 'carte valable du',
  cardValidTo: 'carte valable au',
  attestationSha256: 'empreinte de l’attestation',
  documents: 'pièces',
  documentKey: 'pièce',
  verdict: 'avis',
  version: 'version',
  noteId: 'note n°',
  highlightId: 'zone n°',
  page: 'page',
  mode: 'connexion',
  format: 'format',
  count: 'nombre',
  tab: 'onglet',
  procedure: 'appel',
  loginHash: 'empreinte de l’identifiant saisi',
  retentionDays: 'conservation (jours)',
  before: 'entrées antérieures au',
  lastRemovedId: 'dernière entrée supprimée n°',
  lastRemovedHash: 'empreinte de la dernière entrée supprimée',
  actorId: 'agent',
  action: 'action',
  from: 'du',
  to: 'au',
};

const CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  verdict: { compliant: 'conforme', incomplete: 'à compléter' },
  decision: { favorable: 'favorable', unfavorable: 'défavorable' },
  mode: { online: 'en ligne', offline: 'hors ligne (vérificateur local)' },
  tab: {
    todo: 'à traiter',
    mine: 'mes dossiers',
    waiting: 'en attente du demandeur',
    deadlines: 'échéances proches',
    done: 'traités',
    all: 'tous',
  },
  reason: {
    wrong_password: 'mot de passe erroné',
    unknown_login: 'identifiant inconnu',
    disabled: 'compte désactivé',
    account_locked: 'compte verrouillé',
    refused_by_portal: 'refusé par le portail',
    other_service: 'dossier d’un autre service',
    idle: 'inactivité',
    agent: 'à la demande de l’agent',
  },
};

/** Keys whose value is a date (2026-11-27) or an instant (2026-11-27T08:30:00.000Z). */
const DATE_KEYS = new Set([
  'validFrom',
  'validTo',
  'decisionDate',
  'cardValidFrom',
  'cardValidTo',
  'before',
  'from',
  'to',
]);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** « 27/11/2026 », an instant on the Paris clock « 27/11/2026 à 09:30 »; anything else as written. */
function dateText(value: string): string {
  if (isIsoDate(value)) return formatFrenchDate(value);
  const instant = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(instant.getTime())) return value;
  return `${formatParisDate(instant)} à ${parisTimeOf(instant)}`;
}

const documentLabel = (key: string) => DOCUMENTS[key as DocumentKey]?.label ?? key;

function valueText(
  key: string,
  value: unknown,
  nameOf: (agentId: string) => string | null,
  freeReason: boolean,
) {
  if (typeof value === 'string') {
    if (key === 'agentId' || key === 'actorId') return nameOf(value) ?? value;
    if (key === 'documentKey') return documentLabel(value);
    if (DATE_KEYS.has(key)) return dateText(value);
    if (key === 'reason' && freeReason) return value;
    return CODES[key]?.[value] ?? value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return (key === 'documents' ? value.map(documentLabel) : value).join(', ');
  return JSON.stringify(value);
}

/** « clé : valeur ; … » in French, an agent named rather than given by their identifier. */
export function detailsText(
  action: string,
  details: Readonly<Record<string, unknown>>,
  nameOf: (agentId: string) => string | null,
): string {
  // The reason of an action on a dossier (a reassignment's) is the supervisor's own words; the
  // other reasons are codes.
  const freeReason = action.startsWith('application.');
  return Object.entries(details)
    .map(([key, value]) => `${KEYS[key] ?? key} : ${valueText(key, value, nameOf, freeReason)}`)
    .join(' ; ');
}

import { formatParisDate } from '../dates/format';
import { parisTimeOf } from '../dates/paris-time';

/** The life of a dossier. These names are shared by the database, the API and the screens. */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'supplement_requested',
  'supplement_answered',
  'favorable',
  'unfavorable',
  'closed_incomplete',
  'closed_withdrawn',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A decision was taken: nothing changes the status any more. */
export const DECIDED_STATUSES = [
  'favorable',
  'unfavorable',
] as const satisfies readonly ApplicationStatus[];
/** Closed without a decision on the merits. */
export const CLOSED_STATUSES = [
  'closed_incomplete',
  'closed_withdrawn',
] as const satisfies readonly ApplicationStatus[];

export const TERMINAL_STATUSES: readonly ApplicationStatus[] = [
  ...DECIDED_STATUSES,
  ...CLOSED_STATUSES,
];

export function isTerminal(status: ApplicationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function isDecided(status: ApplicationStatus): boolean {
  return (DECIDED_STATUSES as readonly ApplicationStatus[]).includes(status);
}

/** Agent-side labels (queues, dossier header, history). */
export const STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  draft: 'Brouillon (non déposé)',
  submitted: 'Déposé, à instruire',
  in_review: "En cours d'instruction",
  supplement_requested: 'Complément demandé',
  supplement_answered: 'Complément reçu',
  favorable: 'Décision favorable',
  unfavorable: 'Décision défavorable',
  closed_incomplete: 'Clôturé : dossier incomplet',
  closed_withdrawn: 'Clôturé : désistement',
};

/**
 * The guide shows the applicant « Demande envoyée : le 16/08/2023 à 14:37 » in « Mes demandes en
 * cours », still so after a supplement request has been answered: it is the line of every status
 * while the application is pending. It shows nothing for the other statuses; there the
 * applicant sees the agent-side label.
 */
const SHOWN_AS_SENT: readonly ApplicationStatus[] = [
  'submitted',
  'in_review',
  'supplement_requested',
  'supplement_answered',
];

/** « Demande envoyée : le 16/08/2023 à 14:37 » (Paris time). */
export function sentLine(submittedAt: Date): string {
  return `Demande envoyée : le ${formatParisDate(submittedAt)} à ${parisTimeOf(submittedAt)}`;
}

/** The « État de la demande » column of the applicant's list. */
export function applicantStatusLabel(status: ApplicationStatus, submittedAt: Date | null): string {
  return SHOWN_AS_SENT.includes(status) && submittedAt
    ? sentLine(submittedAt)
    : STATUS_LABELS[status];
}

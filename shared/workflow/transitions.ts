import { formatFrenchDate, formatParisDate } from '../dates/format';
import { isSupplementDeadlinePassed, supplementDeadline } from '../dates/deadlines';
import {
  alreadyDecided,
  dossierClosed,
  guardFailed,
  roleNotAllowed,
  wrongStatus,
  type DomainError,
} from '../errors';
import { isDecided, isTerminal, STATUS_LABELS, type ApplicationStatus } from './statuses';

/**
 * The dossier state machine, as a table. Every status change of the portal and every action the
 * desktop queues goes through `transition`, so the rule is written once.
 */
export const APPLICATION_EVENTS = [
  'submit',
  'assign',
  'startReview',
  'requestSupplement',
  'amendSupplement',
  'withdrawSupplement',
  'answerSupplement',
  'issueProlongation',
  'decideFavorable',
  'decideUnfavorable',
  'submitDecision',
  'approveDecision',
  'returnDecision',
  'closeIncomplete',
  'closeWithdrawn',
  'sendMessage',
] as const;

export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

export const ACTOR_ROLES = ['applicant', 'agent', 'supervisor', 'system'] as const;

export type ActorRole = (typeof ACTOR_ROLES)[number];

/** « réservée à l'agent instructeur ou au chef de bureau »: each role with its French preposition. */
const ROLE_DATIVES: Readonly<Record<ActorRole, string>> = {
  applicant: 'au demandeur',
  agent: "à l'agent instructeur",
  supervisor: 'au chef de bureau',
  system: 'au traitement automatique',
};

/**
 * Preconditions beyond status and role, named in the table and judged in `guardError`:
 * - selfAssignmentForAgents: an agent may take a dossier for themself; giving it to someone else is the supervisor's.
 * - supplementDeadlinePassed: closing as incomplete waits until the 30-day answer deadline is over
 *   (the date arithmetic itself is dates/deadlines.ts; this machine owns the guard).
 * - supplementUnread: a supplement request may be amended or withdrawn only while the applicant has
 *   not opened it; once read, it is what they were told, and its deadline runs.
 */
export type TransitionGuard =
  'selfAssignmentForAgents' | 'supplementDeadlinePassed' | 'supplementUnread';

export type TransitionRule = Readonly<{
  from: readonly ApplicationStatus[];
  /** 'unchanged': the event is recorded in the history but leaves the status as it is. */
  to: ApplicationStatus | 'unchanged';
  roles: readonly ActorRole[];
  guard?: TransitionGuard;
}>;

const PENDING: readonly ApplicationStatus[] = [
  'submitted',
  'in_review',
  'supplement_requested',
  'supplement_answered',
];
const STAFF: readonly ActorRole[] = ['agent', 'supervisor'];
const DECIDABLE: readonly ApplicationStatus[] = ['in_review', 'supplement_answered'];

/** Guards about who acts rather than about the dossier: a refusal by one of them is a role refusal. */
const ROLE_GUARDS: ReadonlySet<TransitionGuard> = new Set(['selfAssignmentForAgents']);

export const TRANSITIONS: Readonly<Record<ApplicationEvent, TransitionRule>> = {
  submit: { from: ['draft'], to: 'submitted', roles: ['applicant'] },
  // The system may distribute new dossiers automatically; an agent only to themself.
  assign: {
    from: PENDING,
    to: 'unchanged',
    roles: ['supervisor', 'agent', 'system'],
    guard: 'selfAssignmentForAgents',
  },
  // Also resumes the review once the applicant has answered a supplement request.
  startReview: { from: ['submitted', 'supplement_answered'], to: 'in_review', roles: STAFF },
  requestSupplement: {
    from: ['in_review', 'supplement_answered'],
    to: 'supplement_requested',
    roles: STAFF,
  },
  // Amending replaces the request by a new one (the old one stays, marked withdrawn).
  amendSupplement: {
    from: ['supplement_requested'],
    to: 'unchanged',
    roles: STAFF,
    guard: 'supplementUnread',
  },
  withdrawSupplement: {
    from: ['supplement_requested'],
    to: 'in_review',
    roles: STAFF,
    guard: 'supplementUnread',
  },
  answerSupplement: {
    from: ['supplement_requested'],
    to: 'supplement_answered',
    roles: ['applicant'],
  },
  // Renewable while no decision is taken: the applicant must never be left without proof of stay.
  issueProlongation: { from: PENDING, to: 'unchanged', roles: STAFF },
  // A decision needs a reviewed dossier, and never while the applicant's answer is awaited.
  decideFavorable: { from: DECIDABLE, to: 'favorable', roles: STAFF },
  decideUnfavorable: { from: DECIDABLE, to: 'unfavorable', roles: STAFF },
  // Hierarchical validation (« À signer »): the decision waits for the supervisor's signature and
  // the status moves only when it is approved, as the approved decision's own rule says (the
  // portal applies decideFavorable's or decideUnfavorable's from the stored decision).
  submitDecision: { from: DECIDABLE, to: 'unchanged', roles: STAFF },
  approveDecision: { from: DECIDABLE, to: 'unchanged', roles: ['supervisor'] },
  // The decision is dropped with the supervisor's comment; the agent may submit again.
  returnDecision: { from: DECIDABLE, to: 'unchanged', roles: ['supervisor'] },
  closeIncomplete: {
    from: ['supplement_requested'],
    to: 'closed_incomplete',
    roles: STAFF,
    guard: 'supplementDeadlinePassed',
  },
  // The applicant withdraws by writing; the agent records it.
  closeWithdrawn: { from: PENDING, to: 'closed_withdrawn', roles: STAFF },
  // Messages stay possible after a decision (e.g. to say the card can be collected).
  sendMessage: {
    from: [...PENDING, 'favorable', 'unfavorable', 'closed_incomplete', 'closed_withdrawn'],
    to: 'unchanged',
    roles: STAFF,
  },
};

/** What the guards need to know, supplied by the caller from its records. */
export type TransitionFacts = {
  /** When the action happens; required for deadline guards. */
  at?: Date;
  /** When the applicant opened the pending supplement request (null: not yet, so no deadline runs). */
  supplementReadAt?: Date | null;
  /** For 'assign': the dossier is being assigned to the actor themself. */
  assignsSelf?: boolean;
};

export type TransitionOutcome =
  { ok: true; to: ApplicationStatus } | { ok: false; error: DomainError };

function rolesText(roles: readonly ActorRole[]): string {
  const datives = roles.map((role) => ROLE_DATIVES[role]);
  return datives.length <= 1
    ? (datives[0] ?? '')
    : `${datives.slice(0, -1).join(', ')} ou ${String(datives.at(-1))}`;
}

function guardError(
  guard: TransitionGuard,
  role: ActorRole,
  facts: TransitionFacts,
): DomainError | null {
  switch (guard) {
    case 'selfAssignmentForAgents':
      return role === 'agent' && facts.assignsSelf !== true
        ? guardFailed(
            "Un agent ne peut attribuer un dossier qu'à lui-même ; l'attribution à un autre agent revient au chef de bureau.",
          )
        : null;
    case 'supplementDeadlinePassed': {
      const { supplementReadAt, at } = facts;
      if (!supplementReadAt) {
        return guardFailed(
          "Le demandeur n'a pas encore ouvert la demande de complément : le délai de réponse de 30 jours n'a pas commencé.",
        );
      }
      if (!at || !isSupplementDeadlinePassed(supplementReadAt, at)) {
        const deadline = formatFrenchDate(supplementDeadline(supplementReadAt));
        return guardFailed(
          `Le demandeur peut répondre à la demande de complément jusqu'au ${deadline} inclus.`,
        );
      }
      return null;
    }
    case 'supplementUnread':
      return facts.supplementReadAt instanceof Date
        ? guardFailed(
            `Le demandeur a ouvert la demande de complément le ${formatParisDate(facts.supplementReadAt)} : elle ne peut plus être modifiée ni retirée.`,
          )
        : null;
  }
}

/** Whether `role` may apply `event` to a dossier in `status`, and the status it leads to. */
export function transition(
  status: ApplicationStatus,
  event: ApplicationEvent,
  role: ActorRole,
  facts: TransitionFacts = {},
): TransitionOutcome {
  const rule = TRANSITIONS[event];
  if (!rule.roles.includes(role))
    return { ok: false, error: roleNotAllowed(rolesText(rule.roles)) };
  if (!rule.from.includes(status)) {
    const error = isDecided(status)
      ? alreadyDecided()
      : isTerminal(status)
        ? dossierClosed()
        : wrongStatus(STATUS_LABELS[status]);
    return { ok: false, error };
  }
  const blocked = rule.guard ? guardError(rule.guard, role, facts) : null;
  if (blocked) return { ok: false, error: blocked };
  return { ok: true, to: rule.to === 'unchanged' ? status : rule.to };
}

/**
 * Why the role alone forbids the event, whatever the dossier's status: the table's roles, and the
 * guards about the role (an agent assigning someone else). null when the role may. The portal logs
 * these refusals as attempts beyond the agent's rights.
 */
export function roleRefusal(
  event: ApplicationEvent,
  role: ActorRole,
  facts: TransitionFacts = {},
): DomainError | null {
  const rule = TRANSITIONS[event];
  if (!rule.roles.includes(role)) return roleNotAllowed(rolesText(rule.roles));
  return rule.guard && ROLE_GUARDS.has(rule.guard) ? guardError(rule.guard, role, facts) : null;
}

/** The events `role` may apply now, in table order: what the screens offer as actions. */
export function availableEvents(
  status: ApplicationStatus,
  role: ActorRole,
  facts: TransitionFacts = {},
): ApplicationEvent[] {
  return APPLICATION_EVENTS.filter((event) => transition(status, event, role, facts).ok);
}

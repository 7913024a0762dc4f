import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus } from './statuses';
import {
  ACTOR_ROLES,
  availableEvents,
  APPLICATION_EVENTS,
  roleRefusal,
  transition,
  type ActorRole,
  type ApplicationEvent,
  type TransitionFacts,
} from './transitions';

const PENDING: ApplicationStatus[] = [
  'submitted',
  'in_review',
  'supplement_requested',
  'supplement_answered',
];
const STAFF: ActorRole[] = ['agent', 'supervisor'];
const AFTER: ApplicationStatus[] = [
  'favorable',
  'unfavorable',
  'closed_incomplete',
  'closed_withdrawn',
];

/** Written out independently of the table: [from statuses, event, roles, to ('same' = unchanged)]. */
const EXPECTED: Array<
  [ApplicationStatus[], ApplicationEvent, ActorRole[], ApplicationStatus | 'same']
> = [
  [['draft'], 'submit', ['applicant'], 'submitted'],
  [PENDING, 'assign', ['supervisor', 'agent', 'system'], 'same'],
  [['submitted', 'supplement_answered'], 'startReview', STAFF, 'in_review'],
  [['in_review', 'supplement_answered'], 'requestSupplement', STAFF, 'supplement_requested'],
  [['supplement_requested'], 'amendSupplement', STAFF, 'same'],
  [['supplement_requested'], 'withdrawSupplement', STAFF, 'in_review'],
  [['supplement_requested'], 'answerSupplement', ['applicant'], 'supplement_answered'],
  [PENDING, 'issueProlongation', STAFF, 'same'],
  [['in_review', 'supplement_answered'], 'decideFavorable', STAFF, 'favorable'],
  [['in_review', 'supplement_answered'], 'decideUnfavorable', STAFF, 'unfavorable'],
  [['in_review', 'supplement_answered'], 'submitDecision', STAFF, 'same'],
  [['in_review', 'supplement_answered'], 'approveDecision', ['supervisor'], 'same'],
  [['in_review', 'supplement_answered'], 'returnDecision', ['supervisor'], 'same'],
  [['supplement_requested'], 'closeIncomplete', STAFF, 'closed_incomplete'],
  [PENDING, 'closeWithdrawn', STAFF, 'closed_withdrawn'],
  [[...PENDING, ...AFTER], 'sendMessage', STAFF, 'same'],
];

const allowed = EXPECTED.flatMap(([froms, event, roles, to]) =>
  froms.flatMap((from) =>
    roles.map((role) => ({ from, event, role, to: to === 'same' ? from : to })),
  ),
);

/** Facts that satisfy every guard: self-assignment, a supplement read long ago… */
const SATISFIED: TransitionFacts = {
  assignsSelf: true,
  supplementReadAt: new Date('2023-08-16T12:37:00Z'),
  at: new Date('2023-09-16T08:00:00Z'),
};
/** …except amending or withdrawing it, which needs the request still unread. */
const UNREAD_ONLY: readonly ApplicationEvent[] = ['amendSupplement', 'withdrawSupplement'];
const satisfied = (event: ApplicationEvent): TransitionFacts =>
  UNREAD_ONLY.includes(event) ? { ...SATISFIED, supplementReadAt: null } : SATISFIED;

describe('transition: every allowed move', () => {
  it('has 76 of them', () => {
    expect(allowed).toHaveLength(76);
  });

  it.each(allowed)('$from --$event by $role--> $to', ({ from, event, role, to }) => {
    expect(transition(from, event, role, satisfied(event))).toEqual({ ok: true, to });
  });
});

describe('transition: everything else is refused', () => {
  const isAllowed = (from: ApplicationStatus, event: ApplicationEvent, role: ActorRole) =>
    allowed.some((move) => move.from === from && move.event === event && move.role === role);
  const refused = APPLICATION_STATUSES.flatMap((from) =>
    APPLICATION_EVENTS.flatMap((event) =>
      ACTOR_ROLES.filter((role) => !isAllowed(from, event, role)).map((role) => ({
        from,
        event,
        role,
      })),
    ),
  );

  it('covers the rest of the 576 combinations', () => {
    expect(refused).toHaveLength(576 - 76);
  });

  it.each(refused)('$from --$event by $role--> refused', ({ from, event, role }) => {
    const outcome = transition(from, event, role, satisfied(event));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/^[A-ZÀ-Ü]/);
  });
});

describe('transition: reasons given', () => {
  it.each([
    [
      'favorable',
      'decideFavorable',
      'agent',
      'transition_decided',
      'Une décision a déjà été prise sur ce dossier.',
    ],
    [
      'unfavorable',
      'issueProlongation',
      'supervisor',
      'transition_decided',
      'Une décision a déjà été prise sur ce dossier.',
    ],
    [
      'favorable',
      'closeWithdrawn',
      'agent',
      'transition_decided',
      'Une décision a déjà été prise sur ce dossier.',
    ],
    ['closed_withdrawn', 'startReview', 'agent', 'transition_closed', 'Ce dossier est clôturé.'],
    ['closed_incomplete', 'assign', 'supervisor', 'transition_closed', 'Ce dossier est clôturé.'],
    [
      'submitted',
      'decideFavorable',
      'agent',
      'transition_status',
      "Cette action n'est pas possible pour un dossier au statut « Déposé, à instruire ».",
    ],
    [
      'supplement_requested',
      'decideUnfavorable',
      'supervisor',
      'transition_status',
      "Cette action n'est pas possible pour un dossier au statut « Complément demandé ».",
    ],
    [
      'draft',
      'sendMessage',
      'agent',
      'transition_status',
      "Cette action n'est pas possible pour un dossier au statut « Brouillon (non déposé) ».",
    ],
    [
      'in_review',
      'decideFavorable',
      'applicant',
      'transition_role',
      "Cette action est réservée à l'agent instructeur ou au chef de bureau.",
    ],
    [
      'in_review',
      'decideUnfavorable',
      'system',
      'transition_role',
      "Cette action est réservée à l'agent instructeur ou au chef de bureau.",
    ],
    ['draft', 'submit', 'agent', 'transition_role', 'Cette action est réservée au demandeur.'],
    [
      'submitted',
      'assign',
      'applicant',
      'transition_role',
      "Cette action est réservée au chef de bureau, à l'agent instructeur ou au traitement automatique.",
    ],
  ] as const)('%s --%s by %s--> %s', (from, event, role, code, message) => {
    expect(transition(from, event, role, SATISFIED)).toEqual({
      ok: false,
      error: { code, message },
    });
  });
});

describe('guard: assignment', () => {
  it('lets an agent take a dossier for themself only', () => {
    expect(transition('submitted', 'assign', 'agent', { assignsSelf: true })).toEqual({
      ok: true,
      to: 'submitted',
    });
    expect(transition('submitted', 'assign', 'agent')).toMatchObject({
      ok: false,
      error: { code: 'transition_guard', message: expect.stringContaining("qu'à lui-même") },
    });
  });

  it('lets the supervisor and the system assign to anyone', () => {
    expect(transition('in_review', 'assign', 'supervisor', { assignsSelf: false }).ok).toBe(true);
    expect(transition('submitted', 'assign', 'system').ok).toBe(true);
  });
});

describe('guard: closing as incomplete after the supplement deadline', () => {
  const readAt = new Date('2023-08-16T12:37:00Z'); // read 16/08 → answer until 15/09 inclusive

  it('refuses while the request is unread', () => {
    expect(
      transition('supplement_requested', 'closeIncomplete', 'agent', {
        supplementReadAt: null,
        at: new Date(),
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'transition_guard',
        message:
          "Le demandeur n'a pas encore ouvert la demande de complément : le délai de réponse de 30 jours n'a pas commencé.",
      },
    });
  });

  it('refuses on the last day, Paris time', () => {
    expect(
      transition('supplement_requested', 'closeIncomplete', 'agent', {
        supplementReadAt: readAt,
        at: new Date('2023-09-15T21:59:00Z'),
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'transition_guard',
        message:
          "Le demandeur peut répondre à la demande de complément jusqu'au 15/09/2023 inclus.",
      },
    });
  });

  it('refuses when the caller does not say when', () => {
    expect(
      transition('supplement_requested', 'closeIncomplete', 'agent', { supplementReadAt: readAt })
        .ok,
    ).toBe(false);
  });

  it('allows it from the next day in Paris', () => {
    expect(
      transition('supplement_requested', 'closeIncomplete', 'supervisor', {
        supplementReadAt: readAt,
        at: new Date('2023-09-15T22:00:00Z'),
      }),
    ).toEqual({ ok: true, to: 'closed_incomplete' });
  });
});

describe('guard: amending or withdrawing a supplement request while unread', () => {
  it.each(['amendSupplement', 'withdrawSupplement'] as const)(
    'allows %s before the applicant opens the request',
    (event) => {
      expect(
        transition('supplement_requested', event, 'agent', { supplementReadAt: null }),
      ).toEqual({
        ok: true,
        to: event === 'amendSupplement' ? 'supplement_requested' : 'in_review',
      });
      expect(transition('supplement_requested', event, 'supervisor').ok).toBe(true);
    },
  );

  it.each(['amendSupplement', 'withdrawSupplement'] as const)(
    'refuses %s once it was opened, giving the Paris date of the reading',
    (event) => {
      // 23:30 UTC on 1 November is already 2 November in Paris.
      expect(
        transition('supplement_requested', event, 'supervisor', {
          supplementReadAt: new Date('2026-11-01T23:30:00Z'),
        }),
      ).toEqual({
        ok: false,
        error: {
          code: 'transition_guard',
          message:
            'Le demandeur a ouvert la demande de complément le 02/11/2026 : elle ne peut plus être modifiée ni retirée.',
        },
      });
    },
  );
});

describe('hierarchical validation', () => {
  it('reserves the signature to the supervisor, with the table’s reason', () => {
    for (const event of ['approveDecision', 'returnDecision'] as const)
      expect(transition('in_review', event, 'agent')).toEqual({
        ok: false,
        error: { code: 'transition_role', message: 'Cette action est réservée au chef de bureau.' },
      });
    expect(transition('supplement_answered', 'submitDecision', 'agent')).toEqual({
      ok: true,
      to: 'supplement_answered',
    });
  });

  it('refuses a submission while the applicant’s answer is awaited, or once decided', () => {
    expect(transition('supplement_requested', 'submitDecision', 'agent').ok).toBe(false);
    expect(transition('favorable', 'approveDecision', 'supervisor')).toMatchObject({
      ok: false,
      error: { code: 'transition_decided' },
    });
  });
});

describe('roleRefusal', () => {
  it('judges the role whatever the status', () => {
    expect(roleRefusal('approveDecision', 'agent')).toEqual({
      code: 'transition_role',
      message: 'Cette action est réservée au chef de bureau.',
    });
    expect(roleRefusal('approveDecision', 'supervisor')).toBeNull();
    expect(roleRefusal('decideFavorable', 'agent')).toBeNull();
    expect(transition('closed_withdrawn', 'assign', 'agent').ok).toBe(false);
  });

  it('counts assigning someone else as an agent as a role refusal, not the deadline guards', () => {
    expect(roleRefusal('assign', 'agent', { assignsSelf: false })).toMatchObject({
      code: 'transition_guard',
      message: expect.stringContaining("qu'à lui-même"),
    });
    expect(roleRefusal('assign', 'agent', { assignsSelf: true })).toBeNull();
    expect(roleRefusal('assign', 'supervisor', { assignsSelf: false })).toBeNull();
    expect(roleRefusal('closeIncomplete', 'agent', { supplementReadAt: null })).toBeNull();
    expect(roleRefusal('amendSupplement', 'agent', { supplementReadAt: new Date() })).toBeNull();
  });
});

describe('availableEvents', () => {
  it('offers the agent what fits the status', () => {
    expect(availableEvents('in_review', 'agent', { assignsSelf: true })).toEqual([
      'assign',
      'requestSupplement',
      'issueProlongation',
      'decideFavorable',
      'decideUnfavorable',
      'submitDecision',
      'closeWithdrawn',
      'sendMessage',
    ]);
    expect(availableEvents('supplement_answered', 'supervisor')).toEqual([
      'assign',
      'startReview',
      'requestSupplement',
      'issueProlongation',
      'decideFavorable',
      'decideUnfavorable',
      'submitDecision',
      'approveDecision',
      'returnDecision',
      'closeWithdrawn',
      'sendMessage',
    ]);
    expect(
      availableEvents('supplement_requested', 'agent', { supplementReadAt: null, at: new Date() }),
    ).toEqual([
      'amendSupplement',
      'withdrawSupplement',
      'issueProlongation',
      'closeWithdrawn',
      'sendMessage',
    ]);
    expect(availableEvents('favorable', 'supervisor')).toEqual(['sendMessage']);
    expect(availableEvents('supplement_requested', 'applicant')).toEqual(['answerSupplement']);
    expect(availableEvents('draft', 'system')).toEqual([]);
  });
});

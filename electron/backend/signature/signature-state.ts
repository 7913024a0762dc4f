import type { ApplicationEvent } from '../../../db/desktop/history-repository';

export type DecisionKind = 'favorable' | 'unfavorable';

interface Person {
  id: string;
  name: string;
}

/** A decision an agent sent for signature, waiting for the supervisor. */
export interface WaitingDecision {
  decisionId: string;
  decision: DecisionKind;
  submittedBy: Person | null;
  at: string;
  /** The decision's own payload (dates and attestation, or the motivation). */
  payload: Record<string, unknown>;
}

/** The last decision the supervisor sent back, with their comment. */
export interface ReturnedDecision {
  decisionId: string;
  decision: DecisionKind;
  returnedBy: Person | null;
  comment: string;
  at: string;
}

const person = (value: unknown): Person | null => {
  const { id, name } = (value ?? {}) as { id?: unknown; name?: unknown };
  return typeof id === 'string' && typeof name === 'string' ? { id, name } : null;
};
const kind = (value: unknown): DecisionKind | null =>
  value === 'favorable' || value === 'unfavorable' ? value : null;

/**
 * Where the dossier stands with the supervisor's signature, from the portal's log kept in the
 * history: `decision.submitted` opens a wait, `decision.approved` or `decision.returned` ends it.
 */
export function signatureState(history: readonly ApplicationEvent[]): {
  waiting: WaitingDecision | null;
  returned: ReturnedDecision | null;
} {
  let waiting: WaitingDecision | null = null;
  let returned: ReturnedDecision | null = null;
  for (const { type, at, data } of [...history].sort((a, b) => a.seq - b.seq)) {
    const decisionId = typeof data['decisionId'] === 'string' ? data['decisionId'] : null;
    const decision = kind(data['decision']);
    if (!decisionId || !decision) continue;
    // Widened again: the compiler does not follow the assignments of earlier iterations.
    const open = waiting as WaitingDecision | null;
    if (type === 'decision.submitted') {
      const payload = data['payload'];
      waiting = {
        decisionId,
        decision,
        submittedBy: person(data['submittedBy']),
        at,
        payload: payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {},
      };
      returned = null;
    } else if (type === 'decision.approved' && open?.decisionId === decisionId) {
      waiting = null;
    } else if (type === 'decision.returned' && open?.decisionId === decisionId) {
      waiting = null;
      returned = {
        decisionId,
        decision,
        returnedBy: person(data['returnedBy']),
        comment: typeof data['comment'] === 'string' ? data['comment'] : '',
        at,
      };
    }
  }
  return { waiting, returned };
}

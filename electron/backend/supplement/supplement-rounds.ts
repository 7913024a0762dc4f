import type { ApplicationEvent } from '../../../db/desktop/history-repository';

/** One document asked for, with the agent's observation, as the portal applied the request. */
export interface RequestedItem {
  documentKey: string;
  observation: string;
}

/** What the applicant did with one requested document. */
export type ItemAnswer =
  | { documentKey: string; action: 'maintain'; reason: string }
  | { documentKey: string; action: 'update'; documentVersion: number; message: string | null };

/**
 * One supplement request as the portal's log tells it: sent, perhaps amended (the amendment is a
 * new round, the old one withdrawn) or withdrawn, opened by the applicant, answered.
 */
export interface SupplementRound {
  supplementRequestId: string;
  requestedAt: string;
  requestedBy: string | null;
  items: RequestedItem[];
  /** This round replaced an earlier one the applicant had not opened. */
  amends: string | null;
  withdrawnAt: string | null;
  readAt: string | null;
  answeredAt: string | null;
  answers: ItemAnswer[];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function itemsOf(payload: unknown): RequestedItem[] {
  const items = (payload as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: { documentKey?: unknown; observation?: unknown }) => {
    const documentKey = text(item?.documentKey);
    const observation = text(item?.observation);
    return documentKey && observation !== null ? [{ documentKey, observation }] : [];
  });
}

function answersOf(answers: unknown): ItemAnswer[] {
  if (!Array.isArray(answers)) return [];
  return answers.flatMap((answer: Record<string, unknown>): ItemAnswer[] => {
    const documentKey = text(answer?.['documentKey']);
    if (!documentKey) return [];
    if (answer['action'] === 'maintain')
      return [{ documentKey, action: 'maintain', reason: text(answer['reason']) ?? '' }];
    const version = answer['documentVersion'];
    if (answer['action'] === 'update' && typeof version === 'number')
      return [
        {
          documentKey,
          action: 'update',
          documentVersion: version,
          message: text(answer['message']) || null,
        },
      ];
    return [];
  });
}

/** The dossier's supplement requests, oldest first, from its history (the portal's log). */
export function supplementRounds(history: readonly ApplicationEvent[]): SupplementRound[] {
  const rounds: SupplementRound[] = [];
  const byId = new Map<string, SupplementRound>();
  for (const { type, at, data } of [...history].sort((a, b) => a.seq - b.seq)) {
    const requestId = text(data['supplementRequestId']);
    if (type === 'application.updated') {
      const event = data['event'];
      if (event === 'withdrawSupplement' || event === 'amendSupplement') {
        const previous = byId.get(text(data['previousSupplementRequestId']) ?? '') ?? rounds.at(-1);
        if (previous && !previous.withdrawnAt) previous.withdrawnAt = at;
      }
      if ((event === 'requestSupplement' || event === 'amendSupplement') && requestId) {
        const actor = data['actor'] as { name?: unknown } | undefined;
        const round: SupplementRound = {
          supplementRequestId: requestId,
          requestedAt: at,
          requestedBy: text(actor?.name),
          items: itemsOf(data['payload']),
          amends: event === 'amendSupplement' ? text(data['previousSupplementRequestId']) : null,
          withdrawnAt: null,
          readAt: null,
          answeredAt: null,
          answers: [],
        };
        rounds.push(round);
        byId.set(requestId, round);
      }
      continue;
    }
    const round = requestId ? byId.get(requestId) : undefined;
    if (!round) continue;
    if (type === 'notification.read') round.readAt ??= text(data['readAt']);
    if (type === 'supplement.answered') {
      round.answeredAt = text(data['answeredAt']) ?? at;
      round.answers = answersOf(data['answers']);
    }
  }
  return rounds;
}

/** The request the applicant is expected to answer: the latest one, neither withdrawn nor answered. */
export function openRound(rounds: readonly SupplementRound[]): SupplementRound | null {
  const last = rounds.at(-1);
  return last && !last.withdrawnAt && !last.answeredAt ? last : null;
}

/**
 * When the applicant opened the request still waiting for an answer (null: not opened yet, so
 * the 30 days have not started, and the agent may still amend or withdraw it).
 */
export function supplementReadAt(history: readonly ApplicationEvent[]): Date | null {
  const open = openRound(supplementRounds(history));
  return open?.readAt ? new Date(open.readAt) : null;
}

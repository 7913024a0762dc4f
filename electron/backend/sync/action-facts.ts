import type { JsonObject } from '../../../db/json-column';

/**
 * The facts of an action's payload the journal keeps: to whom, which decision, which dates,
 * which documents, the supervisor's comment and the reason of a reassignment. The agent's long
 * texts (observations, motivation) stay in the outbox and on the portal: the journal says what
 * was done, not the letter itself.
 */
const KEPT = [
  'agentId',
  'reason',
  'decision',
  'decisionId',
  'comment',
  'validFrom',
  'validTo',
  'decisionDate',
  'cardValidFrom',
  'cardValidTo',
  'attestationSha256',
] as const;

function kept(payload: JsonObject): JsonObject {
  const facts: JsonObject = {};
  for (const key of KEPT) {
    const value = payload[key];
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
      facts[key] = value;
  }
  return facts;
}

function documentKeysOf(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const key = (item as { documentKey?: unknown } | null)?.documentKey;
    return typeof key === 'string' ? [key] : [];
  });
}

export function actionFacts(payload: JsonObject): JsonObject {
  const nested = payload.payload;
  const documents = documentKeysOf(payload.items);
  return {
    ...kept(payload),
    // A decision sent for signature carries the decision's own payload.
    ...(nested && typeof nested === 'object' && !Array.isArray(nested)
      ? kept(nested as JsonObject)
      : {}),
    ...(documents.length > 0 ? { documents } : {}),
  };
}

import { createHash } from 'node:crypto';

// The hash chain of the `actions` journal. Frozen like a migration: every stored entry's `hash` was
// computed by `entryHash` below, and `npm run audit:verify` recomputes it; a change here would make
// every existing journal read as tampered. A new form would need a new format and a migration.

/** The `prevHash` of the first entry a journal ever had. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every column but the hash itself. */
export interface ChainedEntry {
  id: number;
  /** As stored: ../instant.ts's form. */
  at: string;
  actorId: string | null;
  action: string;
  applicationNumber: string | null;
  /** The details as parsed back from their stored JSON text. */
  details: unknown;
  prevHash: string;
}

/**
 * JSON with no whitespace and object keys sorted by UTF-16 code units, at every depth: the same
 * value always gives the same text, whatever order its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The text an entry's hash is computed over: the canonical JSON array
 * `[id, at, actorId, action, applicationNumber, details, prevHash]`.
 */
export function canonicalEntry(entry: ChainedEntry): string {
  return canonicalJson([
    entry.id,
    entry.at,
    entry.actorId,
    entry.action,
    entry.applicationNumber,
    entry.details,
    entry.prevHash,
  ]);
}

/** sha256 of the canonical text (UTF-8), in lowercase hexadecimal. */
export function entryHash(entry: ChainedEntry): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');
}

/** The action a retention purge records: what it removed, so the chain stays verifiable. */
export const PURGE_ACTION = 'audit.purged';

/** The details of an `audit.purged` entry. */
export interface PurgeDetails {
  /** How many entries were removed. */
  count: number;
  /** The last removed entry: the first one kept names its hash as its `prevHash`. */
  lastRemovedId: number;
  lastRemovedHash: string;
  /** Entries recorded before this instant were removed (a prefix of the journal). */
  before: string;
  retentionDays: number;
}

/** An entry as read from the file, nothing trusted. */
export interface StoredChainRow {
  id: number;
  at: string;
  actorId: string | null;
  action: string;
  applicationNumber: string | null;
  /** The stored JSON text. */
  details: string;
  prevHash: string;
  hash: string;
}

/** What is wrong with the first bad entry. */
export type ChainProblem =
  /** Its hash is not the hash of its columns: the entry was changed. */
  | { kind: 'content' }
  /** Its prevHash is not the previous entry's hash: an entry was removed or inserted before it. */
  | { kind: 'link'; previousId: number }
  /** The first entry does not start the chain: nothing was purged, or not what the last purge recorded. */
  | { kind: 'start'; purge: { entryId: number; lastRemovedId: number | null } | null }
  /** The journal once went further than its last entry (SQLite's AUTOINCREMENT counter): named is the last one left. */
  | { kind: 'truncated'; highestId: number };

export type ChainVerdict =
  | {
      ok: true;
      count: number;
      first: StoredChainRow | null;
      last: StoredChainRow | null;
      /** The latest purge, whose recorded hash the first entry follows. */
      purge: { entry: StoredChainRow; details: PurgeDetails } | null;
    }
  | {
      ok: false;
      /** The first bad entry; null when none is left (every entry removed). */
      entry: Pick<StoredChainRow, 'id' | 'at' | 'action'> | null;
      problem: ChainProblem;
    };

/** The problem in French, as `npm run audit:verify` prints it. */
export function describeChainProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'content':
      return 'hash ne correspond pas au contenu';
    case 'link':
      return `hash précédent ne correspond pas à l'entrée n° ${problem.previousId} : entrée supprimée ou insérée`;
    case 'start':
      return problem.purge
        ? `hash précédent ne correspond pas à la dernière entrée purgée (n° ${problem.purge.lastRemovedId ?? '?'}, purge inscrite à l'entrée n° ${problem.purge.entryId}) : entrée supprimée ou insérée au début du journal`
        : 'hash précédent ne correspond pas au début du journal : entrée supprimée ou insérée au début du journal';
    case 'truncated':
      return `le journal a compté des entrées jusqu'au n° ${problem.highestId} : entrées supprimées à la fin du journal`;
  }
}

function parsedDetails(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function purgeDetails(row: StoredChainRow): PurgeDetails | null {
  const parsed = parsedDetails(row.details);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return null;
  const details = parsed.value as Partial<PurgeDetails>;
  return typeof details.lastRemovedHash === 'string' && typeof details.lastRemovedId === 'number'
    ? (details as PurgeDetails)
    : null;
}

function contentMatches(row: StoredChainRow): boolean {
  const details = parsedDetails(row.details);
  return (
    details.ok &&
    entryHash({
      id: row.id,
      at: row.at,
      actorId: row.actorId,
      action: row.action,
      applicationNumber: row.applicationNumber,
      details: details.value,
      prevHash: row.prevHash,
    }) === row.hash
  );
}

/**
 * Recomputes the chain over `rows`, read in id order. The first entry must follow the latest purge
 * (`latestPurge`, read beforehand: it comes after the entries it kept), or the genesis when none
 * was recorded; each next entry must name its predecessor's hash; each hash must be its content's.
 * `highestId` is the largest id the journal ever gave (SQLite's sequence): beyond the last entry,
 * entries were removed from its end. Stops at the first bad entry.
 */
export function verifyChain(
  rows: Iterable<StoredChainRow>,
  latestPurge: StoredChainRow | null,
  highestId: number,
): ChainVerdict {
  const purge = latestPurge ? { entry: latestPurge, details: purgeDetails(latestPurge) } : null;
  let first: StoredChainRow | null = null;
  let previous: StoredChainRow | null = null;
  let count = 0;
  for (const row of rows) {
    const entry = { id: row.id, at: row.at, action: row.action };
    if (previous === null) {
      const expected = purge ? purge.details?.lastRemovedHash : GENESIS_HASH;
      if (row.prevHash !== expected) {
        const start = purge
          ? { entryId: purge.entry.id, lastRemovedId: purge.details?.lastRemovedId ?? null }
          : null;
        return { ok: false, entry, problem: { kind: 'start', purge: start } };
      }
      first = row;
    } else if (row.prevHash !== previous.hash) {
      return { ok: false, entry, problem: { kind: 'link', previousId: previous.id } };
    }
    if (!contentMatches(row)) return { ok: false, entry, problem: { kind: 'content' } };
    previous = row;
    count += 1;
  }
  if (highestId > (previous?.id ?? 0)) {
    const entry = previous && { id: previous.id, at: previous.at, action: previous.action };
    return { ok: false, entry, problem: { kind: 'truncated', highestId } };
  }
  return {
    ok: true,
    count,
    first,
    last: previous,
    purge: purge?.details ? { entry: purge.entry, details: purge.details } : null,
  };
}

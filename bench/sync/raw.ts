import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/**
 * The baselines: what the same work costs with nothing but `fetch` against the same portal,
 * without the workstation's checks, retries, database or outbox.
 */

async function trpc<T>(url: string, token: string, path: string, init: RequestInit): Promise<T> {
  const response = await fetch(`${url}/trpc/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result)
    throw new Error(`${path} : HTTP ${response.status} ${body.error?.message ?? ''}`);
  return body.result.data;
}

/** The whole change log of the agent's service, page after page (500 each), parsed and dropped. */
export async function rawPull(url: string, token: string): Promise<number> {
  let after: string | null = null;
  let changes = 0;
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ after, limit: 500 }));
    const page = await trpc<{ changes: unknown[]; cursor: string | null; hasMore: boolean }>(
      url,
      token,
      `backoffice.changes?input=${input}`,
      { method: 'GET' },
    );
    changes += page.changes.length;
    after = page.cursor;
    if (!page.hasMore) return changes;
  }
}

export interface RawMutation {
  id: string;
  type: string;
  applicationNumber: string;
  baseVersion: number;
  at: string;
  payload: unknown;
}

/** backoffice.push in batches of 100 (the portal's limit); returns how many were applied. */
export async function rawPush(
  url: string,
  token: string,
  mutations: RawMutation[],
): Promise<number> {
  let applied = 0;
  for (let start = 0; start < mutations.length; start += 100) {
    const { results } = await trpc<{ results: { outcome: string }[] }>(
      url,
      token,
      'backoffice.push',
      {
        method: 'POST',
        body: JSON.stringify({ mutations: mutations.slice(start, start + 100) }),
      },
    );
    applied += results.filter((result) => result.outcome === 'applied').length;
  }
  return applied;
}

/** Plain GETs of `GET /files/<sha256>`, `parallelism` at a time, each streamed to a file in `dir`. */
export async function rawDownload(
  url: string,
  token: string,
  files: readonly { sha256: string; size: number }[],
  dir: string,
  parallelism: number,
): Promise<number> {
  const queue = [...files];
  let bytes = 0;
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const response = await fetch(`${url}/files/${file.sha256}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200 || !response.body)
        throw new Error(`GET /files/${file.sha256.slice(0, 12)}… : HTTP ${response.status}`);
      const target = join(dir, file.sha256);
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream),
        createWriteStream(target),
      );
      bytes += file.size;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, files.length) }, worker));
  return bytes;
}

import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { PortalRouter } from '../portal/router';

/** A refusal or an outage, in French, with the portal's per-field details when it gave some. */
export class PortalError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'PortalError';
  }

  /** The message and every field issue, one per line. */
  describe(): string {
    return [
      this.message,
      ...this.issues.map(({ path, message }) => `  – ${path ? `${path} : ` : ''}${message}`),
    ].join('\n');
  }
}

function fromTrpc(error: unknown): PortalError {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as {
      code?: string;
      issues?: { path: string; message: string }[];
    };
    return new PortalError(error.message, data.code ?? 'UNKNOWN', data.issues ?? []);
  }
  const cause = error instanceof Error ? error.message : String(error);
  return new PortalError(`Le portail ne répond pas (${cause}).`, 'NETWORK');
}

/** Runs a call and turns any failure into a PortalError. */
export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof PortalError ? error : fromTrpc(error);
  }
}

export type UploadedFile = { sha256: string; size: number; mime: string; pages?: number | null };

/**
 * One connection per request. Drawing an applicant's papers holds the event loop for seconds; a
 * kept-alive connection the portal closed meanwhile (idle for 5 s) would be used all the same, and
 * the request fail with « other side closed » — under load, a whole demo seeding with it.
 */
export const ONE_CONNECTION_PER_REQUEST = { connection: 'close' } as const;

/**
 * The portal as an applicant (or anyone) sees it: tRPC over HTTP with plain JSON (no
 * transformer), the bearer token when signed in, and POST /files beside it.
 */
export function portalClient(baseUrl: string, token?: string) {
  const root = baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    ...ONE_CONNECTION_PER_REQUEST,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const trpc = createTRPCClient<PortalRouter>({
    links: [httpLink({ url: `${root}/trpc`, headers: () => headers })],
  });

  async function upload(bytes: Uint8Array, name: string): Promise<UploadedFile> {
    let response: Response;
    try {
      response = await fetch(`${root}/files`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/octet-stream',
          // Headers are not UTF-8: the portal decodes the percent-encoded name.
          'x-filename': encodeURIComponent(name),
        },
        body: new Blob([new Uint8Array(bytes)]),
      });
    } catch (error) {
      throw fromTrpc(error);
    }
    const body = (await response.json().catch(() => null)) as
      (UploadedFile & { error?: { code: string; message: string } }) | null;
    if (!response.ok || !body || body.error) {
      throw new PortalError(
        body?.error?.message ??
          `Le portail a refusé le fichier « ${name} » (HTTP ${response.status}).`,
        body?.error?.code ?? `HTTP_${response.status}`,
      );
    }
    return body;
  }

  return { trpc, upload };
}

export type PortalClient = ReturnType<typeof portalClient>;

import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { PortalRouter } from '../../../portal/router';

/**
 * What went wrong talking to the portal, sorted by what the caller should do:
 * - `unreachable`: network error, timeout or 5xx — retry later with the same request;
 * - `unauthorized`: the token is missing, expired or revoked — log in again;
 * - `refused`: the portal understood and said no (bad input, forbidden, throttled…).
 */
export type PortalFailureKind = 'unreachable' | 'unauthorized' | 'refused';

export class PortalFailure extends Error {
  constructor(
    readonly kind: PortalFailureKind,
    message: string,
    /** The tRPC code when the portal answered (BAD_REQUEST, UNAUTHORIZED…), else NETWORK. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PortalFailure';
  }
}

/** Turns anything a portal call threw into a PortalFailure with a French message. */
export function portalFailureOf(error: unknown): PortalFailure {
  if (error instanceof PortalFailure) return error;
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? null) as { code?: string; httpStatus?: number } | null;
    const status = data?.httpStatus ?? 0;
    if (!data?.code || status >= 500)
      return new PortalFailure(
        'unreachable',
        status >= 500
          ? `Le portail rencontre une erreur (HTTP ${status}). Nouvel essai automatique.`
          : 'Le portail ne répond pas. Vérifiez la connexion réseau.',
        data?.code ?? 'NETWORK',
        { cause: error },
      );
    if (data.code === 'UNAUTHORIZED')
      return new PortalFailure('unauthorized', error.message, data.code, { cause: error });
    return new PortalFailure('refused', error.message, data.code, { cause: error });
  }
  return new PortalFailure(
    'unreachable',
    'Le portail ne répond pas. Vérifiez la connexion réseau.',
    'NETWORK',
    { cause: error },
  );
}

export interface PortalClientOptions {
  url: string;
  /** Read at each request, so a new login takes effect without a new client. */
  token?: () => string | null;
  /** A request that takes longer is abandoned and counted as a network failure. */
  timeoutMs?: number;
  /** Called with the portal's clock (HTTP Date header) minus ours, after each answer. */
  onClockOffset?: (offsetMs: number) => void;
}

/** The portal seen from the workstation: tRPC over HTTP, plain JSON, an agent's bearer token. */
export function createPortalClient({
  url,
  token = () => null,
  timeoutMs = 30_000,
  onClockOffset,
}: PortalClientOptions) {
  const root = url.replace(/\/+$/, '');
  const timedFetch: typeof fetch = async (input, init) => {
    const sentAt = Date.now();
    const signal = init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    const response = await fetch(input, { ...init, signal });
    const date = response.headers.get('date');
    if (date && onClockOffset) {
      // The Date header has a one-second resolution; the midpoint of the exchange is our best guess.
      const portalTime = Date.parse(date) + 500;
      if (Number.isFinite(portalTime)) onClockOffset(portalTime - (sentAt + Date.now()) / 2);
    }
    return response;
  };
  const trpc = createTRPCClient<PortalRouter>({
    links: [
      httpLink({
        url: `${root}/trpc`,
        fetch: timedFetch,
        headers: () => {
          const current = token();
          return current ? { authorization: `Bearer ${current}` } : {};
        },
      }),
    ],
  });
  return { url: root, trpc };
}

export type PortalClient = ReturnType<typeof createPortalClient>;

/** Runs one portal call, turning every failure into a PortalFailure. */
export async function portalCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw portalFailureOf(error);
  }
}

import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import { ipcLink } from 'trpc-electron/renderer';
import type { AppRouter } from '../../../electron/backend/router';
import { i18n } from '../plugins/i18n';

let bearerToken: string | null = null;

/** The headless host authenticates each HTTP call by bearer token; Electron binds the session to the window. */
export function setSessionToken(token: string | null): void {
  bearerToken = token;
}

// The preload exposes `electronTRPC` inside Electron; in a browser the same router answers over HTTP.
const link: TRPCLink<AppRouter> =
  'electronTRPC' in window
    ? ipcLink<AppRouter>()
    : httpBatchLink<AppRouter>({
        url: '/trpc',
        headers: () => (bearerToken ? { Authorization: `Bearer ${bearerToken}` } : {}),
      });

export const api = createTRPCClient<AppRouter>({ links: [link] });

/** What to tell the agent about a failed call: the backend's French message, or why it got none. */
export function errorMessage(error: unknown): string {
  const { t } = i18n.global;
  if (error instanceof TRPCClientError) {
    // No HTTP status at all means the call never reached the backend.
    return error.data ? error.message : t('errors.offline');
  }
  return t('errors.unexpected');
}

export function errorCode(error: unknown): string | null {
  return error instanceof TRPCClientError
    ? ((error.data as { code?: string } | undefined)?.code ?? null)
    : null;
}

import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { ipcLink } from 'trpc-electron/renderer';
import type { AppRouter } from '../../../electron/backend/router';
import { i18n } from '../plugins/i18n';

let bearerToken: string | null = null;

/** The headless host authenticates each HTTP call by bearer token; Electron binds the session to the window. */
export function setSessionToken(token: string | null): void {
  bearerToken = token;
}

/** A call refused because the session is locked (not closed): the agent's password resumes it. */
export function isSessionLocked(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const issues = (error.data as { issues?: { code?: string }[] } | undefined)?.issues;
  return issues?.some((issue) => issue.code === 'session_locked') ?? false;
}

/** Shows the lock and settles once the agent unlocked (true) or left (false). */
type LockHandler = () => Promise<boolean>;
let lockHandler: LockHandler | null = null;

/** The session store decides what a call refused by the lock waits for. */
export function onSessionLocked(handler: LockHandler): void {
  lockHandler = handler;
}

/**
 * A call the lock refused is held, the lock shown, and sent again once the agent unlocked: the
 * page that made it never learns of the lock, and keeps its state (the dossier, the text typed).
 * Sending it again is safe: the lock refuses a call before its procedure runs. After a logout it
 * fails with the lock's error, which reads as a closed session.
 */
const holdWhileLocked: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) => {
      let current: Unsubscribable | null = null;
      let cancelled = false;
      const send = () => {
        current = next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => {
            if (!lockHandler || !isSessionLocked(error)) return observer.error(error);
            void lockHandler().then((resumed) => {
              if (cancelled) return;
              if (resumed) send();
              else observer.error(error);
            });
          },
          complete: () => observer.complete(),
        });
      };
      send();
      return () => {
        cancelled = true;
        current?.unsubscribe();
      };
    });

// The preload exposes `electronTRPC` inside Electron; in a browser the same router answers over HTTP.
const transport: TRPCLink<AppRouter> =
  'electronTRPC' in window
    ? ipcLink<AppRouter>()
    : httpBatchLink<AppRouter>({
        url: '/trpc',
        headers: () => (bearerToken ? { Authorization: `Bearer ${bearerToken}` } : {}),
      });

export const api = createTRPCClient<AppRouter>({ links: [holdWhileLocked, transport] });

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

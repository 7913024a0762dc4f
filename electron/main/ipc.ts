import type { BrowserWindow, IpcMainEvent } from 'electron';
import { createIPCHandler } from 'trpc-electron/main';
import type { Backend } from '../backend/backend';
import type { Context } from '../backend/context';
import { appRouter } from '../backend/router';
import { isTrustedSender } from './origin-checks';

/**
 * The one IPC channel: tRPC calls from our own window only. trpc-electron listens to any sender,
 * so each call's frame is checked here: the main window's top frame, on the application's origin.
 * The agent's session is bound to the window (no token crosses IPC).
 */
export function connectBackend(backend: Backend, window: BrowserWindow, appOrigin: string): void {
  const tokens = new Map<number, string>();
  createIPCHandler({
    router: appRouter,
    windows: [window],
    createContext: async ({ event }): Promise<Context> => {
      assertTrustedSender(event as IpcMainEvent, window, appOrigin);
      const id = event.sender.id;
      return {
        backend,
        session: {
          token: tokens.get(id) ?? null,
          bind: (token) => (token ? tokens.set(id, token) : tokens.delete(id)),
        },
      };
    },
  });
  window.webContents.on('destroyed', () => tokens.clear());
}

function assertTrustedSender(event: IpcMainEvent, window: BrowserWindow, appOrigin: string): void {
  const frame = event.senderFrame;
  const facts = {
    senderId: event.sender.id,
    windowContentsId: window.isDestroyed() ? null : window.webContents.id,
    isMainFrame: frame !== null && !window.isDestroyed() && frame === window.webContents.mainFrame,
    frameUrl: frame?.url ?? null,
  };
  if (!isTrustedSender(facts, appOrigin)) {
    throw new Error(`IPC refusé : expéditeur non autorisé (${facts.frameUrl ?? 'cadre inconnu'}).`);
  }
}

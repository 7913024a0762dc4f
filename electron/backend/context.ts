import type { Backend } from './backend';

/**
 * How a transport carries the agent's session: the HTTP host reads a bearer token per request,
 * the Electron shell binds the session to the window that logged in.
 */
export interface SessionCarrier {
  /** The session token presented with this call, if any. */
  readonly token: string | null;
  /** Called after a successful login or logout so the transport can remember the session. */
  bind(token: string | null): void;
}

export interface Context {
  backend: Backend;
  session: SessionCarrier;
}

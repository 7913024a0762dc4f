import type { Portal } from './portal';

export interface Context {
  portal: Portal;
  /** The bearer token of the request, if any (checked by the procedures that need one). */
  token: string | null;
}

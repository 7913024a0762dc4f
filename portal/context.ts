import type { DevClock } from './dev-clock';
import type { Portal } from './portal';

export interface Context {
  portal: Portal;
  /** The bearer token of the request, if any (checked by the procedures that need one). */
  token: string | null;
  /** The clock dev.setClock moves; null without dev mode. */
  devClock: DevClock | null;
}

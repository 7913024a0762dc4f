/**
 * The portal's clock in dev mode (PORTAL_DEV=1): `dev.setClock` moves it to an instant, from which
 * it keeps running with real time (an offset, not a frozen instant: sessions, deadlines and the
 * `Date` header move on as they would). Without dev mode the portal runs on `base` untouched.
 */
export function createDevClock(base: () => Date = () => new Date()) {
  let offsetMs = 0;
  const now = () => new Date(base().getTime() + offsetMs);
  return {
    now,
    /** From now on the clock reads `at`, then runs; null goes back to `base`. Returns the new time. */
    set(at: Date | null): Date {
      offsetMs = at === null ? 0 : at.getTime() - base().getTime();
      return now();
    },
  };
}

export type DevClock = ReturnType<typeof createDevClock>;

/** After this many failures in a row a login is paused, to slow down password guessing. */
const MAX_FAILURES = 5;
const LOCK_MS = 60_000;

/** Failures per login, in memory (a restart forgets them, which only helps a guesser once). */
export function createLoginThrottle(now: () => number) {
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  return {
    isLocked(key: string): boolean {
      return (failures.get(key)?.lockedUntil ?? 0) > now();
    },
    fail(key: string): void {
      const entry = failures.get(key) ?? { count: 0, lockedUntil: 0 };
      entry.count += 1;
      if (entry.count >= MAX_FAILURES) {
        entry.lockedUntil = now() + LOCK_MS;
        entry.count = 0;
      }
      failures.set(key, entry);
    },
    succeed(key: string): void {
      failures.delete(key);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

import { publicProcedure, router } from '../trpc';

export const healthRouter = router({
  /** What the login page needs before anyone logs in. */
  info: publicProcedure.query(({ ctx }) => ({
    ok: true as const,
    version: ctx.backend.version,
    demoAccounts: ctx.backend.demo
      ? ctx.backend.demoAccounts.map(({ login, password, role }) => ({ login, password, role }))
      : [],
  })),
});

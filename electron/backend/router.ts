import { authRouter } from './routers/auth';
import { healthRouter } from './routers/health';
import { queueRouter } from './routers/queue';
import { syncRouter } from './routers/sync';
import { router } from './trpc';

/** The workstation's whole API; the renderer imports its type only. */
export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  queue: queueRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;

import { authRouter } from './routers/auth';
import { dossierRouter } from './routers/dossier';
import { healthRouter } from './routers/health';
import { instructionRouter } from './routers/instruction';
import { queueRouter } from './routers/queue';
import { supplementRouter } from './routers/supplement';
import { syncRouter } from './routers/sync';
import { router } from './trpc';

/** The workstation's whole API; the renderer imports its type only. */
export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  queue: queueRouter,
  dossier: dossierRouter,
  instruction: instructionRouter,
  supplement: supplementRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;

import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { dossierRouter } from './routers/dossier';
import { healthRouter } from './routers/health';
import { instructionRouter } from './routers/instruction';
import { queueRouter } from './routers/queue';
import { supplementRouter } from './routers/supplement';
import { supervisionRouter } from './routers/supervision';
import { syncRouter } from './routers/sync';
import { router } from './trpc';

/** The workstation's whole API; the renderer imports its type only. */
export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  audit: auditRouter,
  queue: queueRouter,
  dossier: dossierRouter,
  instruction: instructionRouter,
  supplement: supplementRouter,
  supervision: supervisionRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;

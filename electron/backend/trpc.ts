import { initTRPC } from '@trpc/server';
import type { Context } from './context';
import { describeError, UserFacingError } from './errors';

/**
 * No transformer: plain JSON on the wire, so any client (and curl) can read it.
 * Messages are French for people; `code` (and `data.issues[].code`) are for programs.
 */
const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const { message, issues } = describeError(error);
    return { ...shape, message, data: { ...shape.data, stack: undefined, issues } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

/** Resolves the session into the agent; refuses the call when there is none. */
export const agentProcedure = t.procedure.use(({ ctx, next }) => {
  const agent = ctx.backend.auth.agentForToken(ctx.session.token);
  if (!agent) {
    throw new UserFacingError('UNAUTHORIZED', 'Votre session a expiré. Veuillez vous reconnecter.');
  }
  return next({ ctx: { ...ctx, agent } });
});

/**
 * For the chef de bureau only. An agent's call is refused before its input is read, and the
 * refusal is journaled with the procedure's path: trying is itself worth knowing.
 */
export const supervisorProcedure = agentProcedure.use(({ ctx, path, next }) => {
  if (ctx.agent.role !== 'supervisor') {
    ctx.backend.journal.record({
      actorId: ctx.agent.id,
      action: 'auth.forbidden',
      details: { procedure: path },
    });
    throw new UserFacingError('FORBIDDEN', 'Réservé au chef de bureau.');
  }
  return next();
});

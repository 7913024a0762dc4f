import { initTRPC } from '@trpc/server';
import type { Context } from './context';
import { describeError, OtherServiceDossierError, UserFacingError } from './errors';

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

/**
 * Resolves the session into the agent; refuses the call when there is none. A dossier of another
 * service reached through any procedure is refused (as missing) and journaled here, once.
 */
export const agentProcedure = t.procedure.use(async ({ ctx, path, next }) => {
  const agent = ctx.backend.auth.agentForToken(ctx.session.token);
  if (!agent) {
    throw new UserFacingError('UNAUTHORIZED', 'Votre session a expiré. Veuillez vous reconnecter.');
  }
  const result = await next({ ctx: { ...ctx, agent } });
  if (!result.ok && result.error instanceof OtherServiceDossierError)
    ctx.backend.journal.record({
      actorId: agent.id,
      action: 'auth.forbidden',
      applicationNumber: result.error.applicationNumber,
      details: { procedure: path, reason: 'other_service' },
    });
  return result;
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

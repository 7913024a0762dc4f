import { initTRPC } from '@trpc/server';
import type { Context } from './context';
import { agentsOnly, applicantsOnly, describeError, notSignedIn, sessionExpired } from './errors';

/**
 * No transformer: plain JSON on the wire, dates as ISO 8601 strings, so curl and any language can
 * call it. Messages are French for people; `code` (and `data.issues[].code`) are for programs.
 */
const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const { message, issues } = describeError(error);
    return { ...shape, message, data: { ...shape.data, stack: undefined, issues } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;

function session(ctx: Context) {
  const resolved = ctx.portal.sessions.resolve(ctx.token);
  if (resolved.status === 'none') throw notSignedIn();
  if (resolved.status === 'expired') throw sessionExpired();
  return resolved;
}

/** An applicant's session; an agent's token is refused (FORBIDDEN), a missing or expired one UNAUTHORIZED. */
export const applicantProcedure = t.procedure.use(({ ctx, next }) => {
  const resolved = session(ctx);
  if (resolved.kind !== 'applicant') throw applicantsOnly();
  const applicant = ctx.portal.repos.applicants.findById(resolved.subjectId);
  if (!applicant) throw sessionExpired();
  return next({ ctx: { ...ctx, applicant, token: ctx.token as string } });
});

/** An agent's session (a disabled agent's token stops working at once). */
export const agentProcedure = t.procedure.use(({ ctx, next }) => {
  const resolved = session(ctx);
  if (resolved.kind !== 'agent') throw agentsOnly();
  const agent = ctx.portal.repos.agents.findById(resolved.subjectId);
  if (!agent || agent.disabledAt) throw sessionExpired();
  return next({ ctx: { ...ctx, agent, token: ctx.token as string } });
});

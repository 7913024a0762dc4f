import { z } from 'zod';
import { sessionExpired } from '../errors';
import { agentProcedure, publicProcedure, router } from '../trpc';

const credentials = z.object({
  login: z
    .string()
    .trim()
    .min(1, 'Saisissez votre identifiant.')
    .max(120, 'Identifiant trop long.'),
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(256, 'Mot de passe trop long.'),
});

/**
 * For what the renderer sends on a timer (the sync status poll): the session is required, but the
 * call is no activity, so a screen left open never keeps an unattended session unlocked.
 */
export const passiveAgentProcedure = publicProcedure.use(({ ctx, next }) => {
  const agent = ctx.backend.auth.agentForToken(ctx.session.token, { passive: true });
  if (!agent) throw sessionExpired();
  return next({ ctx: { ...ctx, agent } });
});

export const authRouter = router({
  login: publicProcedure.input(credentials).mutation(async ({ ctx, input }) => {
    const { token, agent, mode } = await ctx.backend.auth.login(input.login, input.password);
    ctx.session.bind(token);
    // Online: the portal gave a token, the workstation syncs at once.
    if (mode === 'online') void ctx.backend.sync.syncNow();
    return { token, agent, mode, sessionIdleMinutes: ctx.backend.auth.sessionIdleMinutes };
  }),

  /**
   * The current session, or null: lets the renderer restore its state on reload, behind the lock
   * when the session is locked.
   */
  me: publicProcedure.query(({ ctx }) => {
    const session = ctx.backend.auth.session(ctx.session.token);
    return session && { ...session, sessionIdleMinutes: ctx.backend.auth.sessionIdleMinutes };
  }),

  /** The renderer's heartbeat while the agent types, clicks, scrolls or moves the pointer. */
  activity: agentProcedure.mutation(() => ({ ok: true as const })),

  /** Locks the session at once: the agent leaves their desk, or the renderer's idle timer ran out. */
  lock: publicProcedure
    .input(z.object({ reason: z.enum(['idle', 'agent']) }))
    .mutation(({ ctx, input }) => {
      ctx.backend.auth.lock(ctx.session.token, input.reason);
      return { ok: true as const };
    }),

  /** The agent's password resumes the same locked session, the screen as it was. */
  unlock: publicProcedure
    .input(
      z.object({
        password: z
          .string()
          .min(1, 'Saisissez votre mot de passe.')
          .max(256, 'Mot de passe trop long.'),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      agent: await ctx.backend.auth.unlock(ctx.session.token, input.password),
      sessionIdleMinutes: ctx.backend.auth.sessionIdleMinutes,
    })),

  /** Closes the session, locked or not. */
  logout: publicProcedure.mutation(({ ctx }) => {
    if (ctx.session.token) ctx.backend.auth.logout(ctx.session.token);
    ctx.session.bind(null);
    return { ok: true as const };
  }),
});

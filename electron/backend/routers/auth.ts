import { z } from 'zod';
import { agentProcedure, publicProcedure, router } from '../trpc';

const credentials = z.object({
  login: z
    .string()
    .trim()
    .min(1, 'Saisissez votre identifiant.')
    .max(120, 'Identifiant trop long.'),
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(256, 'Mot de passe trop long.'),
});

export const authRouter = router({
  login: publicProcedure.input(credentials).mutation(async ({ ctx, input }) => {
    const { token, agent, mode } = await ctx.backend.auth.login(input.login, input.password);
    ctx.session.bind(token);
    // Online: the portal gave a token, the workstation syncs at once.
    if (mode === 'online') void ctx.backend.sync.syncNow();
    return { token, agent, mode };
  }),

  /** The agent of the current session, or null: lets the renderer restore its state on reload. */
  me: publicProcedure.query(({ ctx }) => ctx.backend.auth.agentForToken(ctx.session.token)),

  logout: agentProcedure.mutation(({ ctx }) => {
    if (ctx.session.token) ctx.backend.auth.logout(ctx.session.token, ctx.agent.id);
    ctx.session.bind(null);
    return { ok: true as const };
  }),
});

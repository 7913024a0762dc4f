import { z } from 'zod';
import { MAX_CHANGES_PAGE, pullChanges } from '../backoffice/changes';
import { agentProcedure, publicProcedure, router } from '../trpc';
import { credentialsSchema } from './inputs';

const MAX_MUTATIONS = 100;

const mutationSchema = z.object({
  id: z.uuid({ error: "L'identifiant de l'action doit être un UUID." }),
  type: z.string({ error: "Le type de l'action est obligatoire." }).min(1).max(50),
  applicationNumber: z.string({ error: 'Le numéro de la demande est obligatoire.' }).max(30),
  baseVersion: z
    .number({ error: 'La version de base du dossier est obligatoire.' })
    .int({ error: 'La version de base doit être un entier.' })
    .min(1, { error: 'La version de base doit être au moins 1.' }),
  at: z.string({ error: "L'instant de l'action est obligatoire." }).max(40),
  payload: z.unknown().optional(),
});

export const backofficeRouter = router({
  login: publicProcedure
    .input(credentialsSchema)
    .mutation(({ ctx, input }) => ctx.portal.accounts.agentLogin(input.login, input.password)),

  logout: agentProcedure.mutation(({ ctx }) => {
    ctx.portal.sessions.close(ctx.token);
    return { ok: true as const };
  }),

  /** The session's agent as the portal knows them now (role, service): re-read at each sync. */
  me: agentProcedure.query(({ ctx }) => ctx.portal.accounts.publicAgent(ctx.agent)),

  /** The agents of the caller's service, disabled ones included (with `disabled: true`). */
  agents: agentProcedure.query(({ ctx }) =>
    ctx.portal.repos.agents.listOfService(ctx.agent.serviceCode).map((agent) => ({
      ...ctx.portal.accounts.publicAgent(agent),
      disabled: agent.disabledAt !== null,
    })),
  ),

  /** The caller's service's settings (hierarchical validation of decisions): re-read at each sync. */
  serviceSettings: agentProcedure.query(({ ctx }) =>
    ctx.portal.repos.serviceSettings.get(ctx.agent.serviceCode),
  ),

  /** The change log of the caller's service, after a cursor, in `seq` order. */
  changes: agentProcedure
    .input(
      z.object({
        after: z
          .string()
          .regex(/^\d{1,15}$/, {
            error: 'Le curseur doit être celui rendu par un appel précédent.',
          })
          .nullable()
          .default(null),
        limit: z
          .number()
          .int()
          .min(1, { error: 'La taille de page doit être au moins 1.' })
          .max(MAX_CHANGES_PAGE, {
            error: `La taille de page ne doit pas dépasser ${MAX_CHANGES_PAGE}.`,
          })
          .default(100),
      }),
    )
    .query(({ ctx, input }) => pullChanges(ctx.portal, ctx.agent, input.after, input.limit)),

  /** The workstation's outbox: each mutation in its own transaction, idempotent by id. */
  push: agentProcedure
    .input(
      z.object({
        mutations: z
          .array(mutationSchema)
          .max(MAX_MUTATIONS, { error: `Envoyez au plus ${MAX_MUTATIONS} actions à la fois.` }),
      }),
    )
    .mutation(({ ctx, input }) => ({ results: ctx.portal.push.push(ctx.agent, input.mutations) })),
});

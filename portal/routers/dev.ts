import { z } from 'zod';
import { isDepartementCode } from '../../shared/identifiers/departement';
import { defaultServiceName } from '../accounts/accounts';
import { newPasswordSchema } from '../auth/password-policy';
import type { Context } from '../context';
import type { DevClock } from '../dev-clock';
import { publicProcedure, router } from '../trpc';

function devClockOf(ctx: Context): DevClock {
  if (!ctx.devClock) throw new Error('dev.* is served only with the dev clock (startPortal)');
  return ctx.devClock;
}

const serviceCodeSchema = z
  .string({ error: 'Le code du service est obligatoire.' })
  .refine(isDepartementCode, {
    error: 'Le code du service doit être un département (59, 2A, 974…).',
  });

/**
 * Development and tests only: mounted when PORTAL_DEV=1, absent otherwise (the procedures do not
 * exist, so calling one answers NOT_FOUND). They stand in for the national file, the agents'
 * directory and the applicants' mailboxes.
 */
export const devRouter = router({
  /** An applicant of the « national file », and the e-mail with the activation link. */
  createApplicant: publicProcedure
    .input(
      z
        .object({
          civilStatus: z.record(z.string(), z.unknown()).optional(),
          email: z
            .email({ error: "L'adresse e-mail n'est pas valide." })
            .max(254, { error: "L'adresse e-mail est trop longue." })
            .optional(),
        })
        .default({}),
    )
    .mutation(({ ctx, input }) => ctx.portal.accounts.createApplicant(input)),

  createAgent: publicProcedure
    .input(
      z.object({
        name: z
          .string({ error: "Le nom de l'agent est obligatoire." })
          .trim()
          .min(1, { error: "Le nom de l'agent est obligatoire." })
          .max(120, { error: "Le nom de l'agent est trop long." }),
        role: z.enum(['agent', 'supervisor'], {
          error: 'Le rôle doit valoir « agent » ou « supervisor ».',
        }),
        password: newPasswordSchema,
        /** « prenom.nom » from the name when omitted. */
        login: z
          .string()
          .trim()
          .min(1, { error: "L'identifiant ne peut pas être vide." })
          .max(120, { error: "L'identifiant est trop long." })
          .optional(),
        /** The service (département) the agent works for; the Nord (59) when omitted. */
        serviceCode: serviceCodeSchema.default('59'),
      }),
    )
    .mutation(({ ctx, input }) => ctx.portal.accounts.createAgent(input)),

  /** Revokes an agent: their tokens stop working, and the next login is refused. */
  disableAgent: publicProcedure
    .input(z.object({ agentId: z.string().min(1) }))
    .mutation(({ ctx, input }) => ({
      disabled: ctx.portal.repos.agents.disable(input.agentId, ctx.portal.now()),
    })),

  /** A service's settings, in place of its supervisors' office; creates the service if needed. */
  setServiceSettings: publicProcedure
    .input(
      z.object({
        serviceCode: serviceCodeSchema,
        decisionValidation: z.boolean({
          error: 'La validation hiérarchique doit valoir true ou false.',
        }),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { db, repos, now } = ctx.portal;
      return db.transaction(() => {
        repos.agents.ensureService(
          { code: input.serviceCode, name: defaultServiceName(input.serviceCode) },
          now(),
        );
        return repos.serviceSettings.set(input, now());
      })();
    }),

  /** The refused calls of agents (role or service), oldest first; one agent's when asked. */
  securityEvents: publicProcedure
    .input(z.object({ agentId: z.string().min(1).optional() }).default({}))
    .query(({ ctx, input }) => ctx.portal.repos.security.list(input)),

  /** The portal's time, as every service and the `Date` header see it. */
  clock: publicProcedure.query(({ ctx }) => ({ now: devClockOf(ctx).now().toISOString() })),

  /** Moves the portal's clock to `at`, from which it keeps running; null: back to real time. */
  setClock: publicProcedure
    .input(
      z.object({
        at: z.iso
          .datetime({
            offset: true,
            error: "L'instant doit être une date et heure ISO 8601 avec fuseau (ou null).",
          })
          .nullable(),
      }),
    )
    .mutation(({ ctx, input }) => ({
      now: devClockOf(ctx)
        .set(input.at === null ? null : new Date(input.at))
        .toISOString(),
    })),

  /** The e-mails the portal « sent » to this address, oldest first. */
  mailbox: publicProcedure
    .input(
      z.object({ email: z.string().trim().min(1, { error: "L'adresse e-mail est obligatoire." }) }),
    )
    .query(({ ctx, input }) => ctx.portal.repos.mailbox.listFor(input.email)),
});

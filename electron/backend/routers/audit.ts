import { z } from 'zod';
import { isIsoDate } from '../../../shared/dates/calendar-date';
import { ACTION_FILTERS } from '../audit/action-labels';
import { router, supervisorProcedure } from '../trpc';

const isoDate = z.string().refine(isIsoDate, { error: 'Date attendue au format aaaa-mm-jj.' });

/** The supervisor's filters on the journal; days are Paris calendar days, both included. */
const filterShape = {
  /** An agent's id, or null for the system's entries. */
  actorId: z.string().min(1).max(100).nullable().optional(),
  action: z
    .string()
    .trim()
    .max(80, { error: 'Code d’action trop long (80 caractères au plus).' })
    .regex(/^[a-z0-9_.]*$/, {
      error:
        'Un code d’action ne contient que des minuscules sans accent, des chiffres, « _ » et « . ».',
    })
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  applicationNumber: z
    .string()
    .trim()
    .regex(/^\d{19}$/, { error: 'Le numéro de la demande comporte 19 chiffres.' })
    .optional(),
};

const datesInOrder = {
  check: ({ from, to }: { from?: string | undefined; to?: string | undefined }) =>
    !from || !to || from <= to,
  params: { path: ['to'], error: 'La date de fin précède la date de début.' },
};

const pageSchema = z
  .object({
    ...filterShape,
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .refine(datesInOrder.check, datesInOrder.params);

const exportSchema = z
  .object({ ...filterShape, format: z.enum(['csv', 'xlsx']) })
  .refine(datesInOrder.check, datesInOrder.params);

/** The journal of this workstation for the chef de bureau (electron/backend/audit): refused to agents. */
export const auditRouter = router({
  /** A page of the entries of the service's agents and of the system, newest first. */
  list: supervisorProcedure.input(pageSchema).query(({ ctx, input }) => {
    const { limit, offset, ...filters } = input;
    return ctx.backend.audit.page(ctx.agent, filters, limit, offset);
  }),

  /** Every entry of the filtered view as CSV or XLSX (base64 in the JSON answer); journaled. */
  export: supervisorProcedure.input(exportSchema).query(async ({ ctx, input }) => {
    const { format, ...filters } = input;
    const file = await ctx.backend.audit.exportView(ctx.agent, filters, format);
    return {
      fileName: file.fileName,
      mime: file.mime,
      base64: Buffer.from(file.bytes).toString('base64'),
    };
  }),

  /** The service's agents for the Agent filter, disabled ones included. */
  agents: supervisorProcedure.query(({ ctx }) => ctx.backend.audit.agentsOf(ctx.agent)),

  /** The action families and codes offered in the Action filter, with their French labels. */
  actions: supervisorProcedure.query(() => ACTION_FILTERS),
});

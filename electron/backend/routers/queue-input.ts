import { z } from 'zod';
import { isIsoDate } from '../../../shared/dates/calendar-date';
import { QUEUE_SORTS, QUEUE_TABS } from '../../../db/desktop/queue-repository';
import { APPLICATION_STATUSES } from '../../../shared/workflow/statuses';

const isoDate = z.string().refine(isIsoDate, { error: 'Date attendue au format aaaa-mm-jj.' });

/** The queue's filters as the agent sets them (also what a saved filter keeps). */
export const queueFiltersSchema = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
  /** An agent's id, or null for unassigned dossiers. */
  assignedAgentId: z.string().min(1).nullable().optional(),
  procedure: z.string().min(1).max(40).optional(),
  deadline: z.enum(['overdue', 'within']).optional(),
  withinDays: z
    .number()
    .int()
    .min(0, { error: 'Le nombre de jours ne peut pas être négatif.' })
    .max(365, { error: 'Au plus 365 jours.' })
    .default(15),
  submittedFrom: isoDate.optional(),
  submittedTo: isoDate.optional(),
  search: z
    .string()
    .max(200, { error: 'Recherche trop longue (200 caractères au plus).' })
    .optional(),
});

export const queuePageSchema = queueFiltersSchema.extend({
  tab: z.enum(QUEUE_TABS).default('todo'),
  sort: z.enum(QUEUE_SORTS).default('submittedAt'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(200).default(25),
  offset: z.number().int().min(0).default(0),
});

export type QueueFilters = z.infer<typeof queueFiltersSchema>;
export type QueuePageInput = z.infer<typeof queuePageSchema>;

/** The current view to export: no paging, every row; the tab's title names the file and sheet. */
export const queueExportSchema = queuePageSchema.omit({ limit: true, offset: true }).extend({
  format: z.enum(['csv', 'xlsx']),
  title: z
    .string()
    .trim()
    .min(1, { error: 'Titre de l’export manquant.' })
    .max(60, { error: 'Titre de l’export trop long (60 caractères au plus).' }),
});

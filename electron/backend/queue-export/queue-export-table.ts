import { daysBetween, type IsoDate } from '../../../shared/dates/calendar-date';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { DEADLINE_KIND_LABELS } from '../../../shared/workflow/dossier-deadlines';
import { STATUS_LABELS } from '../../../shared/workflow/statuses';
import type { QueueEntry } from '../../../db/desktop/queue-repository';

/** A cell as the formats need it: a spreadsheet keeps dates and numbers typed, CSV writes them. */
export type ExportCell =
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: IsoDate }
  | { kind: 'number'; value: number }
  | { kind: 'empty' };

export type ExportColumn = Readonly<{
  header: string;
  /** What its cells hold when not empty. */
  kind: 'text' | 'date' | 'number';
  /** Width in characters, for the spreadsheet. */
  width: number;
  cell: (row: QueueEntry, today: IsoDate) => ExportCell;
}>;

const text = (value: string): ExportCell => ({ kind: 'text', value });
const date = (value: IsoDate | null): ExportCell =>
  value ? { kind: 'date', value } : { kind: 'empty' };

/** The view's columns, as the queue's table shows them, with the deadline spelt out. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  {
    header: 'N° de la demande',
    kind: 'text',
    width: 22,
    cell: (row) => text(row.applicationNumber),
  },
  { header: 'N° étranger', kind: 'text', width: 13, cell: (row) => text(row.foreignerNumber) },
  { header: 'Nom et prénoms', kind: 'text', width: 32, cell: (row) => text(row.applicantName) },
  { header: 'Nationalité', kind: 'text', width: 16, cell: (row) => text(row.nationality) },
  {
    header: 'Déposée le',
    kind: 'date',
    width: 12,
    cell: (row) => date(parisDateOf(new Date(row.submittedAt))),
  },
  { header: 'État', kind: 'text', width: 26, cell: (row) => text(STATUS_LABELS[row.status]) },
  {
    header: 'Agent',
    kind: 'text',
    width: 22,
    cell: (row) => text(row.assigneeName ?? 'Non attribué'),
  },
  {
    header: 'Prochaine échéance',
    kind: 'date',
    width: 14,
    cell: (row) => date(row.nextDeadlineOn),
  },
  {
    header: 'Nature de l’échéance',
    kind: 'text',
    width: 22,
    cell: (row) =>
      row.nextDeadlineKind ? text(DEADLINE_KIND_LABELS[row.nextDeadlineKind]) : { kind: 'empty' },
  },
  {
    header: 'Jours restants',
    kind: 'number',
    width: 10,
    cell: (row, today) =>
      row.nextDeadlineOn
        ? { kind: 'number', value: daysBetween(today, row.nextDeadlineOn) }
        : { kind: 'empty' },
  },
  {
    header: 'Rejet implicite le',
    kind: 'date',
    width: 14,
    cell: (row) => date(row.implicitRejectionOn),
  },
];

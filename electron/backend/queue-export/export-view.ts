import type { IsoDate } from '../../../shared/dates/calendar-date';
import type { QueueQuery, QueueRepository } from '../../../db/desktop/queue-repository';
import { toCsv } from './csv-file';
import { EXPORT_COLUMNS } from './queue-export-table';
import { toXlsx } from './xlsx-file';

export type ExportFormat = 'csv' | 'xlsx';

export type ExportedFile = Readonly<{ fileName: string; mime: string; bytes: Uint8Array }>;

const MIME: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The repository's largest page: the whole view is read page after page. */
const PAGE = 1000;

/** « Échéances proches » → « echeances-proches », for a file name any system accepts. */
function slug(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Every row of the view the agent sees (tab, filters, search, sort), as a file named after the
 * tab and the day: CSV for any tool, XLSX with typed dates and numbers for Excel and LibreOffice.
 */
export async function exportQueueView(
  queue: QueueRepository,
  query: Omit<QueueQuery, 'limit' | 'offset'>,
  format: ExportFormat,
  view: { title: string; today: IsoDate; now: Date },
): Promise<ExportedFile> {
  const cells = [];
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = queue.page({ ...query, limit: PAGE, offset });
    cells.push(...rows.map((row) => EXPORT_COLUMNS.map((column) => column.cell(row, view.today))));
    if (rows.length < PAGE) break;
  }
  const headers = EXPORT_COLUMNS.map((column) => column.header);
  const bytes =
    format === 'csv'
      ? new TextEncoder().encode(toCsv(headers, cells))
      : await toXlsx(view.title, EXPORT_COLUMNS, cells, view.now);
  return {
    fileName: `file-${slug(view.title) || 'dossiers'}-${view.today}.${format}`,
    mime: MIME[format],
    bytes,
  };
}

import { parisDateOf, parisTimeOf } from '../../../shared/dates/paris-time';
import type { ExportCell, ExportColumn } from '../queue-export/queue-export-table';
import { toCsv } from '../queue-export/csv-file';
import { toXlsx } from '../queue-export/xlsx-file';
import type { ExportedFile, ExportFormat } from '../queue-export/export-view';
import type { AuditRowView } from './audit-trail';

type AuditColumn = Pick<ExportColumn, 'header' | 'kind' | 'width'> & {
  cell: (row: AuditRowView) => ExportCell;
};

const text = (value: string | null): ExportCell =>
  value ? { kind: 'text', value } : { kind: 'empty' };

/** 'HH:mm:ss' on the Paris clock (its offset is whole hours: the seconds are UTC's). */
export function parisTimeWithSeconds(instant: Date): string {
  return `${parisTimeOf(instant)}:${String(instant.getUTCSeconds()).padStart(2, '0')}`;
}

/** The view's columns: the entry's number, when, who, what, which dossier, and its hash. */
const AUDIT_COLUMNS: readonly AuditColumn[] = [
  { header: 'N°', kind: 'number', width: 8, cell: (row) => ({ kind: 'number', value: row.id }) },
  {
    header: 'Date',
    kind: 'date',
    width: 12,
    cell: (row) => ({ kind: 'date', value: parisDateOf(new Date(row.at)) }),
  },
  {
    header: 'Heure (Paris)',
    kind: 'text',
    width: 10,
    cell: (row) => text(parisTimeWithSeconds(new Date(row.at))),
  },
  { header: 'Agent', kind: 'text', width: 24, cell: (row) => text(row.actorName) },
  { header: 'Action', kind: 'text', width: 36, cell: (row) => text(row.label) },
  { header: 'Code', kind: 'text', width: 26, cell: (row) => text(row.action) },
  {
    header: 'N° de la demande',
    kind: 'text',
    width: 22,
    cell: (row) => text(row.applicationNumber),
  },
  { header: 'Détails', kind: 'text', width: 48, cell: (row) => text(row.detailsText) },
  { header: 'Empreinte (SHA-256)', kind: 'text', width: 66, cell: (row) => text(row.hash) },
];

const MIME: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The entries of the view as a file, with the writers of the queue's exports. */
export async function auditExportFile(
  rows: readonly AuditRowView[],
  format: ExportFormat,
  now: Date,
): Promise<ExportedFile> {
  const cells = rows.map((row) => AUDIT_COLUMNS.map((column) => column.cell(row)));
  const headers = AUDIT_COLUMNS.map((column) => column.header);
  // toXlsx reads only the header, kind and width of its columns; their cells are given here.
  const sheetColumns = AUDIT_COLUMNS.map(({ header, kind, width }): ExportColumn => ({
    header,
    kind,
    width,
    cell: () => ({ kind: 'empty' }),
  }));
  const bytes =
    format === 'csv'
      ? new TextEncoder().encode(toCsv(headers, cells))
      : await toXlsx("Journal d'audit", sheetColumns, cells, now);
  return {
    fileName: `journal-audit-${parisDateOf(now)}.${format}`,
    mime: MIME[format],
    bytes,
  };
}

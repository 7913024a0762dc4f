import { daysBetween, type IsoDate } from '../../../shared/dates/calendar-date';
import { formatFrenchDate, formatParisDate } from '../../../shared/dates/format';
import { DEADLINE_KIND_LABELS } from '../../../shared/workflow/dossier-deadlines';
import { STATUS_LABELS } from '../../../shared/workflow/statuses';
import { api } from '../api/trpc-client';
import type { QueuePageInput, QueueRow } from '../stores/queue';

/** The server's largest page. */
const PAGE_SIZE = 200;

/** Every row of the current view (tab, filters, search, sort), page after page. */
export async function fetchWholeView(query: QueuePageInput): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await api.queue.page.query({ ...query, limit: PAGE_SIZE, offset });
    rows.push(...page.rows);
    if (page.rows.length < PAGE_SIZE || rows.length >= page.total) return rows;
  }
}

/** The export's columns: French headers, one cell text per row. */
export function exportTable(
  rows: readonly QueueRow[],
  today: IsoDate,
  texts: { headers: readonly string[]; unassigned: string },
): string[][] {
  return [
    [...texts.headers],
    ...rows.map((row) => [
      row.applicationNumber,
      row.foreignerNumber,
      row.applicantName,
      row.nationality,
      formatParisDate(new Date(row.submittedAt)),
      STATUS_LABELS[row.status],
      row.assigneeName ?? texts.unassigned,
      row.nextDeadlineOn ? formatFrenchDate(row.nextDeadlineOn) : '',
      row.nextDeadlineKind ? DEADLINE_KIND_LABELS[row.nextDeadlineKind] : '',
      row.nextDeadlineOn ? String(daysBetween(today, row.nextDeadlineOn)) : '',
      row.implicitRejectionOn ? formatFrenchDate(row.implicitRejectionOn) : '',
    ]),
  ];
}

/** A spreadsheet would run a cell starting with one of these as a formula (numbers aside). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+$/;

/** Applicants type their names: nothing of theirs may become a formula on the agent's machine. */
export function neutralized(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  const safe = neutralized(text);
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * CSV as French Excel opens it without a question: UTF-8 with a byte order mark, `;` between
 * fields, every field quoted, CRLF line ends.
 */
export function toCsv(table: readonly (readonly string[])[]): string {
  return `\uFEFF${table.map((line) => line.map(csvField).join(';')).join('\r\n')}\r\n`;
}

/** Hands a file to the browser (or Electron's download) under this name. */
export function download(content: BlobPart, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

import { formatFrenchDate } from '../../../shared/dates/format';
import type { ExportCell } from './queue-export-table';

/** A spreadsheet would run a cell starting with one of these as a formula (numbers aside). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+$/;

/** Applicants type their names: nothing of theirs may become a formula on the agent's machine. */
export function neutralized(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function cellText(cell: ExportCell): string {
  switch (cell.kind) {
    case 'text':
      return neutralized(cell.value);
    case 'date':
      return formatFrenchDate(cell.value);
    case 'number':
      return String(cell.value);
    case 'empty':
      return '';
  }
}

const field = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * CSV as French Excel opens it without a question: UTF-8 with a byte order mark, `;` between
 * fields, every field quoted, CRLF line ends.
 */
export function toCsv(
  headers: readonly string[],
  rows: readonly (readonly ExportCell[])[],
): string {
  const lines = [headers.map(field), ...rows.map((row) => row.map((c) => field(cellText(c))))];
  return `\uFEFF${lines.map((line) => line.join(';')).join('\r\n')}\r\n`;
}

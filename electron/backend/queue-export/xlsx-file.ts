import ExcelJS from 'exceljs';
import { toParts } from '../../../shared/dates/calendar-date';
import type { ExportCell, ExportColumn } from './queue-export-table';

/** Excel refuses these in a sheet's name, and names longer than 31 characters. */
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

function cellValue(cell: ExportCell): string | number | Date | null {
  switch (cell.kind) {
    case 'text':
      // Written as a shared string: Excel never runs it as a formula, so nothing to neutralize.
      return cell.value;
    case 'date': {
      // A calendar day, not an instant: midnight UTC is the day's serial number in Excel.
      const { year, month, day } = toParts(cell.value);
      return new Date(Date.UTC(year, month - 1, day));
    }
    case 'number':
      return cell.value;
    case 'empty':
      return null;
  }
}

/**
 * The view as an Excel workbook: one sheet named after the tab, the header row bold, frozen and
 * filterable, dates as real dates (dd/mm/yyyy) so that they sort, days left as numbers.
 */
export async function toXlsx(
  sheetTitle: string,
  columns: readonly ExportColumn[],
  rows: readonly (readonly ExportCell[])[],
  createdAt: Date,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Instructeur';
  workbook.created = createdAt;
  workbook.modified = createdAt;
  const name = sheetTitle.replace(SHEET_NAME_FORBIDDEN, ' ').trim().slice(0, 31) || 'File';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ header, kind, width }) => ({
    header,
    width,
    style: kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(cellValue));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

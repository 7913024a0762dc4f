import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../../db/desktop/queue-repository';
import { toCsv } from './csv-file';
import { EXPORT_COLUMNS } from './queue-export-table';
import { toXlsx } from './xlsx-file';

const TODAY = '2026-11-27';

const row = (overrides: Partial<QueueEntry>): QueueEntry => ({
  applicationNumber: '5901202311020000042',
  procedure: 'vpf-teh',
  foreignerNumber: '5908002016',
  applicantName: 'SÁNCHEZ-EXEMPLE María José',
  nationality: 'mexicaine',
  status: 'submitted',
  version: 1,
  submittedAt: '2026-10-31T23:30:00.000Z',
  assignedAgentId: null,
  assigneeName: null,
  nextDeadlineOn: '2026-12-02',
  nextDeadlineKind: 'supplement',
  implicitRejectionOn: '2027-03-01',
  pendingActions: 0,
  syncProblems: 0,
  ...overrides,
});

const ROWS = [
  row({}),
  row({
    applicationNumber: '5901202311050000043',
    applicantName: '=HYPERLINK("http://exemple.invalid","clic") Exemple',
    assigneeName: 'Alice Martin',
    nextDeadlineOn: null,
    nextDeadlineKind: null,
  }),
];
const cells = ROWS.map((r) => EXPORT_COLUMNS.map((column) => column.cell(r, TODAY)));
const headers = EXPORT_COLUMNS.map((column) => column.header);

describe('queue export', () => {
  it('writes CSV as French Excel reads it, with no applicant text turned into a formula', () => {
    const csv = toCsv(headers, cells);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '"N° de la demande";"N° étranger";"Nom et prénoms";"Nationalité";"Déposée le";"État";"Agent";"Prochaine échéance";"Nature de l’échéance";"Jours restants";"Rejet implicite le"',
    );
    // Submitted at 23:30 UTC on 31 October: already 1 November in Paris.
    expect(lines[1]).toBe(
      '"5901202311020000042";"5908002016";"SÁNCHEZ-EXEMPLE María José";"mexicaine";"01/11/2026";"Déposé, à instruire";"Non attribué";"02/12/2026";"Réponse au complément";"5";"01/03/2027"',
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://exemple.invalid"",""clic"") Exemple"`);
    expect(lines[2]).toContain('"Alice Martin";"";"";""');
    expect(lines.at(-1)).toBe('');
  });

  it('writes XLSX with typed dates and numbers, a frozen and filterable header', async () => {
    const bytes = await toXlsx('Échéances proches', EXPORT_COLUMNS, cells, new Date(0));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Échéances proches');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, ...headers]);
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const first = sheet.getRow(2);
    // 19 digits stay text: as a number Excel would round them.
    expect(first.getCell(1).value).toBe('5901202311020000042');
    expect(first.getCell(5).value).toEqual(new Date(Date.UTC(2026, 10, 1)));
    expect(first.getCell(5).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(10).value).toBe(5);
    const second = sheet.getRow(3);
    // A shared string, never a formula.
    expect(second.getCell(3).value).toBe('=HYPERLINK("http://exemple.invalid","clic") Exemple');
    expect(second.getCell(3).formula).toBeUndefined();
    expect(second.getCell(8).value).toBeNull();
  });

  it('names the sheet within Excel’s rules', async () => {
    const bytes = await toXlsx(
      'En attente : [demandeur] / 2026 *très* long titre',
      EXPORT_COLUMNS,
      [],
      new Date(0),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer);
    const name = workbook.worksheets[0]!.name;
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[\\/?*[\]:]/);
  });
});

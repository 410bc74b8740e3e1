import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { AdmissionsReport, Share } from './admissions-report.service';
import { admissionsTables, complianceTables, toCsv, toXlsx, votesTables, type ExportTable } from './report-export';

const share: Share[] = [{ key: 'female', label: 'Nữ', count: 3, share: 0.75 }];
const admissions = (groupBy: 'year' | 'halfYear'): AdmissionsReport => ({
  organization: { id: '00000000-0000-4000-8000-000000000001', name: 'Tỉnh ủy Thái Nguyên', kind: 'committee' },
  period: { from: '2022-01-01', to: '2026-12-01', groupBy },
  tree: 'historical',
  years: [{ year: 2022, half: groupBy === 'halfYear' ? 1 : undefined, target: 4, admitted: 3, percentOfTarget: 75 }],
  totals: { admitted: 3, target: 4, percentOfTarget: 75 },
  byEducation: share,
  byGeneralEducation: share,
  byGender: share,
  byEthnicity: share,
  byReligion: share,
  byAgeBand: share,
  byOccupation: share,
  byYouthUnion: share,
  grassroots: { total: 2, withAdmission: 1, share: 0.5 },
  probationOutcomes: { recognisedOnTime: 1, recognisedLate: 0, removed: 0 },
  classes: [{ kind: 'awareness', label: 'Lớp bồi dưỡng nhận thức về Đảng', year: 2022, classes: 1, participants: 3 }],
});
const compliance = complianceTables({
  organization: { name: 'Tỉnh ủy Thái Nguyên' },
  period: { from: '2026-01-01', to: '2026-06-30' },
  asOf: '2026-07-15',
  organizations: [
    {
      name: 'Chi bộ Thôn 1',
      kind: 'cell',
      completedLate: {
        count: 1,
        items: [{ fullName: 'Nguyễn Văn A', label: 'Chi bộ họp xét', dueOn: '2026-03-02', closedOn: '2026-03-09' }],
      },
      overdueNow: { count: 1, items: [{ fullName: 'Trần Thị B', label: 'Cấp ủy thẩm định', dueOn: '2026-07-01' }] },
    },
  ],
});
const exports: [string, ExportTable[]][] = [
  ['admissions by year', admissionsTables(admissions('year'))],
  ['admissions by half year', admissionsTables(admissions('halfYear'))],
  ['compliance', compliance],
  [
    'votes',
    votesTables({
      ...admissions('year'),
      votes: [{ kind: 'cell', label: 'Chi bộ xét kết nạp', held: 2, passed: 1, failed: 1 }],
    }),
  ],
];
const isoDate = /\d{4}-\d{2}-\d{2}/;

async function workbookOf(tables: ExportTable[]): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await toXlsx(tables)).buffer);
  return workbook;
}

describe('report exports', () => {
  it.each(exports)('%s: every sheet has a complete name of at most 31 characters', async (_label, tables) => {
    const names = (await workbookOf(tables)).worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(tables.map((table, index) => `${index + 1}. ${table.sheetName}`));
    for (const name of names) expect([name, name.length <= 31]).toEqual([name, true]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names the first admissions sheet in full and titles it with dates written dd/mm/yyyy', async () => {
    const sheet = (await workbookOf(admissionsTables(admissions('year')))).worksheets[0];
    expect(sheet.name).toBe('1. So với chỉ tiêu');
    expect(sheet.getCell('A1').value).toBe(
      'Kết nạp đảng viên so với chỉ tiêu — Tỉnh ủy Thái Nguyên (01/01/2022 – 01/12/2026)',
    );
  });

  it.each(exports)('%s: no title or cell of the CSV shows an ISO date', (_label, tables) => {
    const cells: string[] = parse(toCsv(tables), { delimiter: ';', bom: true, relax_column_count: true }).flat();
    expect(cells.filter((cell) => isoDate.test(cell))).toEqual([]);
  });

  it('gives the compliance dates as dd/mm/yyyy text in CSV and as date cells shown dd/mm/yyyy in XLSX', async () => {
    const csv: string[][] = parse(toCsv(compliance), { delimiter: ';', bom: true, relax_column_count: true });
    expect(csv[0][0]).toBe(
      'Kiểm tra việc thực hiện thời hạn — Tỉnh ủy Thái Nguyên (01/01/2026 – 30/06/2026, quá hạn tính đến 15/07/2026)',
    );
    expect(csv).toContainEqual([
      'Chi bộ Thôn 1',
      'Nguyễn Văn A',
      'Chi bộ họp xét',
      '02/03/2026',
      '09/03/2026',
      'Hoàn thành chậm',
    ]);
    const details = (await workbookOf(compliance)).worksheets[1];
    const late = details.getRow(3);
    expect([late.getCell(4).value, late.getCell(5).value]).toEqual([
      new Date('2026-03-02T00:00:00Z'),
      new Date('2026-03-09T00:00:00Z'),
    ]);
    expect([details.getColumn(4).numFmt, details.getColumn(5).numFmt]).toEqual(['dd/mm/yyyy', 'dd/mm/yyyy']);
    expect(details.getRow(4).getCell(5).value).toBeNull();
  });

  it('names the kind of each organisation of the compliance report in Vietnamese', () => {
    expect(compliance[0].rows[0][1]).toBe('Chi bộ');
  });

  it('refuses a sheet name Excel would cut', async () => {
    const table: ExportTable = { ...compliance[1], sheetName: 'Kết nạp đảng viên so với chỉ tiêu' };
    await expect(toXlsx([table])).rejects.toThrow(/31/);
  });
});

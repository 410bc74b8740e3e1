import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { vietnameseDate, type LocalDate } from '@workflows/common/local-date';
import type { AdmissionsReport } from './admissions-report.service';
import { neutraliseFormula } from './formula-injection';
import { ORGANIZATION_KIND_LABELS, type OrganizationKind } from '@workflows/common/organization-kinds';
import { DIMENSION_TITLES } from './report-labels';
import type { VotesReport } from './votes-report.service';

/**
 * A titled table of an export; a number stays a number, `percent` columns are shown with one decimal, `date`
 * columns hold ISO dates shown dd/mm/yyyy. `sheetName` names its XLSX sheet after its number: Excel cuts a sheet's
 * name at 31 characters, so it is a short name of its own, not the title.
 */
export interface ExportTable {
  title: string;
  sheetName: string;
  headers: string[];
  rows: (string | number | null)[][];
  percentColumns: number[];
  dateColumns?: number[];
}

const SHEET_NAME_LIMIT = 31;
const round1 = (value: number) => Math.round(value * 10) / 10;
const periodOf = ({ from, to }: { from: LocalDate; to: LocalDate }) =>
  `${vietnameseDate(from)} – ${vietnameseDate(to)}`;

export function admissionsTables(report: AdmissionsReport): ExportTable[] {
  const halfYear = report.period.groupBy === 'halfYear';
  const tables: ExportTable[] = [
    {
      title: `Kết nạp đảng viên so với chỉ tiêu — ${report.organization.name} (${periodOf(report.period)})`,
      sheetName: 'So với chỉ tiêu',
      headers: halfYear
        ? ['Năm', '6 tháng', 'Chỉ tiêu', 'Đã kết nạp', 'Tỷ lệ so với chỉ tiêu (%)']
        : ['Năm', 'Chỉ tiêu', 'Đã kết nạp', 'Tỷ lệ so với chỉ tiêu (%)'],
      rows: report.years.map((row) =>
        halfYear
          ? [
              row.year,
              row.half === 1 ? '6 tháng đầu năm' : '6 tháng cuối năm',
              row.target,
              row.admitted,
              row.percentOfTarget,
            ]
          : [row.year, row.target, row.admitted, row.percentOfTarget],
      ),
      percentColumns: [halfYear ? 4 : 3],
    },
  ];
  for (const [key, { title, sheetName }] of Object.entries(DIMENSION_TITLES)) {
    const shares = report[key as keyof AdmissionsReport] as AdmissionsReport['byGender'];
    tables.push({
      title,
      sheetName,
      headers: [title, 'Số đảng viên kết nạp', 'Tỷ lệ (%)'],
      rows: shares.map((share) => [share.label, share.count, share.share * 100]),
      percentColumns: [2],
    });
  }
  tables.push({
    title: 'Tổ chức cơ sở đảng có kết nạp đảng viên',
    sheetName: 'Tổ chức cơ sở có kết nạp',
    headers: ['Tổng số tổ chức cơ sở đảng', 'Số có kết nạp', 'Tỷ lệ (%)'],
    rows: [
      [
        report.grassroots.total,
        report.grassroots.withAdmission,
        report.grassroots.share === null ? null : report.grassroots.share * 100,
      ],
    ],
    percentColumns: [2],
  });
  tables.push({
    title: 'Kết quả thời kỳ dự bị',
    sheetName: 'Kết quả thời kỳ dự bị',
    headers: ['Công nhận đúng hạn', 'Công nhận chậm', 'Xóa tên'],
    rows: [
      [
        report.probationOutcomes.recognisedOnTime,
        report.probationOutcomes.recognisedLate,
        report.probationOutcomes.removed,
      ],
    ],
    percentColumns: [],
  });
  tables.push({
    title: 'Lớp bồi dưỡng',
    sheetName: 'Lớp bồi dưỡng',
    headers: ['Năm', 'Loại lớp', 'Số lớp', 'Số học viên'],
    rows: report.classes.map((row) => [row.year, row.label, row.classes, row.participants]),
    percentColumns: [],
  });
  return tables;
}

/** CSV for Vietnamese spreadsheets: UTF-8 with BOM, `;` between fields, decimal comma in percentages. */
export function toCsv(tables: ExportTable[]): string {
  const records: (string | number)[][] = [];
  for (const table of tables) {
    records.push([table.title].map(neutraliseFormula), table.headers.map(neutraliseFormula));
    for (const row of table.rows)
      records.push(
        row.map((cell, i) =>
          cell === null
            ? ''
            : typeof cell === 'number' && table.percentColumns.includes(i)
              ? round1(cell).toFixed(1).replace('.', ',')
              : typeof cell === 'string' && table.dateColumns?.includes(i)
                ? vietnameseDate(cell)
                : neutraliseFormula(cell),
        ),
      );
    records.push([]);
  }
  return '\uFEFF' + stringify(records, { delimiter: ';' });
}

/**
 * One sheet per table; numbers stay numeric cells, percentages with the format 0.0, dates date cells shown
 * dd/mm/yyyy (so that they sort as dates). A sheet name Excel would cut is refused rather than cut.
 */
export async function toXlsx(tables: ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quy trình kết nạp đảng viên';
  tables.forEach((table, index) => {
    const name = `${index + 1}. ${table.sheetName}`;
    if (name.length > SHEET_NAME_LIMIT) throw new Error(`sheet name over ${SHEET_NAME_LIMIT} characters: ${name}`);
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([neutraliseFormula(table.title)]).font = { bold: true };
    sheet.addRow(table.headers.map(neutraliseFormula)).font = { bold: true };
    for (const row of table.rows)
      sheet.addRow(
        row.map((cell, i) =>
          typeof cell === 'string' && table.dateColumns?.includes(i)
            ? new Date(`${cell}T00:00:00Z`)
            : neutraliseFormula(cell),
        ),
      );
    sheet.columns.forEach((column) => (column.width = 22));
    for (const column of table.percentColumns) sheet.getColumn(column + 1).numFmt = '0.0';
    for (const column of table.dateColumns ?? []) sheet.getColumn(column + 1).numFmt = 'dd/mm/yyyy';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function complianceTables(report: {
  organization: { name: string };
  period: { from: string; to: string };
  asOf: string;
  organizations: {
    name: string;
    kind: string;
    completedLate: {
      count: number;
      items: { fullName: string; label: string; dueOn: string; closedOn: string | null }[];
    };
    overdueNow: { count: number; items: { fullName: string; label: string; dueOn: string }[] };
  }[];
}): ExportTable[] {
  return [
    {
      title: `Kiểm tra việc thực hiện thời hạn — ${report.organization.name} (${periodOf(report.period)}, quá hạn tính đến ${vietnameseDate(report.asOf)})`,
      sheetName: 'Theo tổ chức',
      headers: ['Tổ chức đảng', 'Loại', 'Số bước hoàn thành chậm', 'Số bước đang quá hạn'],
      rows: report.organizations.map((org) => [
        org.name,
        ORGANIZATION_KIND_LABELS[org.kind as OrganizationKind] ?? org.kind,
        org.completedLate.count,
        org.overdueNow.count,
      ]),
      percentColumns: [],
    },
    {
      title: 'Chi tiết',
      sheetName: 'Chi tiết',
      headers: ['Tổ chức đảng', 'Hồ sơ', 'Bước', 'Hạn', 'Ngày hoàn thành', 'Tình trạng'],
      rows: report.organizations
        .filter((org) => org.kind === 'cell' || org.kind === 'grassrootsCell')
        .flatMap((org) => [
          ...org.completedLate.items.map((item) => [
            org.name,
            item.fullName,
            item.label,
            item.dueOn,
            item.closedOn,
            'Hoàn thành chậm',
          ]),
          ...org.overdueNow.items.map((item) => [
            org.name,
            item.fullName,
            item.label,
            item.dueOn,
            null,
            'Đang quá hạn',
          ]),
        ]),
      percentColumns: [],
      dateColumns: [3, 4],
    },
  ];
}

/** The votes report as one table. */
export function votesTables(report: VotesReport): ExportTable[] {
  return [
    {
      title: 'Biểu quyết đã họp',
      sheetName: 'Biểu quyết đã họp',
      headers: ['Cuộc họp', 'Số lần biểu quyết', 'Đạt', 'Không đạt'],
      rows: report.votes.map((row) => [row.label, row.held, row.passed, row.failed]),
      percentColumns: [],
    },
  ];
}

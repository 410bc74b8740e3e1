import { addDays, addMonths, type LocalDate } from '@workflows/common/local-date';
import { IMPORT_COLUMNS } from '../members/members-import.service';

const FAMILY = ['Nguyễn', 'Trần', 'Hoàng', 'Nông', 'Triệu', 'Lục', 'Ma', 'Hà', 'Bế', 'Lý'];
const MIDDLE = { male: ['Văn', 'Đức', 'Minh'], female: ['Thị', 'Thu', 'Ngọc'] };
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dung',
  'Giang',
  'Hạnh',
  'Khoa',
  'Lan',
  'Mạnh',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
];
const ETHNICITIES = ['Tày', 'Tày', 'Kinh', 'Nùng', 'Dao', 'Mông'];
const OCCUPATIONS = ['civilServant', 'teacher', 'worker', 'farmer', 'armedForces', 'student'];
const EDUCATION = ['university', 'university', 'college', 'intermediate', 'master', 'none'];

/**
 * Past members of the demo committee, as a committee would import them from its registers: about `perYear`
 * admissions a year between `from` and `to`, spread over the cells, recognised 12 months after the ceremony
 * (when that day is before `today`). The same arguments give the same members.
 */
export function demoHistoryCsv(
  cellIds: string[],
  period: { from: LocalDate; to: LocalDate },
  today: LocalDate,
  perYear: number,
): string {
  let seed = 2026;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
  const lines: string[] = [IMPORT_COLUMNS.join(',')];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++) {
    for (let i = 0; i < perYear; i++) {
      const gender = next() < 0.55 ? 'female' : 'male';
      const admittedOn = addDays(`${y}-01-10`, Math.floor(next() * 340));
      if (admittedOn < period.from || admittedOn > period.to) continue;
      const officialFrom = addMonths(admittedOn, 12);
      const row: Record<(typeof IMPORT_COLUMNS)[number], string> = {
        fullName: `${pick(FAMILY)} ${pick(MIDDLE[gender])} ${pick(GIVEN)}`,
        dateOfBirth: addDays(`${y - 22}-01-01`, -Math.floor(next() * 9000)),
        gender,
        ethnicity: pick(ETHNICITIES),
        religion: next() < 0.9 ? 'Không' : 'Phật giáo',
        educationLevel: pick(EDUCATION),
        generalEducation: next() < 0.85 ? 'upperSecondary' : 'lowerSecondary',
        occupation: pick(OCCUPATIONS),
        youthUnionMember: String(next() < 0.6),
        cellId: pick(cellIds),
        decisionOn: addDays(admittedOn, -Math.floor(7 + next() * 20)),
        admittedOn,
        officialFrom: officialFrom < today ? officialFrom : '',
      };
      lines.push(IMPORT_COLUMNS.map((column) => row[column]).join(','));
    }
  }
  return lines.join('\n');
}

import type { IMPORT_COLUMNS } from '@apps/api/members/members-import.service';

type Column = (typeof IMPORT_COLUMNS)[number];

/** One example member, a value for every column the server reads (the type fails if the server adds one). */
const EXAMPLE: Record<Column, string> = {
  fullName: 'Nguyễn Thị Hoa',
  dateOfBirth: '1985-04-12',
  gender: 'female',
  ethnicity: 'Tày',
  religion: 'Không',
  educationLevel: 'university',
  generalEducation: 'upperSecondary',
  occupation: 'teacher',
  youthUnionMember: 'false',
  cellId: '<mã chi bộ>',
  decisionOn: '2015-05-10',
  admittedOn: '2015-05-19',
  officialFrom: '2016-05-19',
};

export const IMPORT_HEADER = Object.keys(EXAMPLE).join(',');

/** The header and the example line, for the "Tải tệp mẫu" button. */
export const IMPORT_TEMPLATE = `${IMPORT_HEADER}\n${Object.values(EXAMPLE).join(',')}\n`;

import {
  EDUCATION_LEVEL_LABELS,
  GENDER_LABELS,
  GENERAL_EDUCATION_LABELS,
  OCCUPATION_LABELS,
} from '@workflows/admission/candidate-labels';

/** Vietnamese labels of the values reports group by; an unknown value is shown as it is. */
export const DIMENSION_LABELS: Record<string, Record<string, string>> = {
  educationLevel: EDUCATION_LEVEL_LABELS,
  generalEducation: GENERAL_EDUCATION_LABELS,
  gender: GENDER_LABELS,
  youthUnion: { true: 'Đoàn viên', false: 'Không phải đoàn viên' },
  ageBand: {
    '18-30': 'Từ 18 đến 30 tuổi',
    '31-40': 'Từ 31 đến 40 tuổi',
    '41-50': 'Từ 41 đến 50 tuổi',
    '51-60': 'Từ 51 đến 60 tuổi',
    '61+': 'Trên 60 tuổi',
  },
  occupation: OCCUPATION_LABELS,
  classKind: {
    awareness: 'Lớp bồi dưỡng nhận thức về Đảng',
    newMember: 'Lớp bồi dưỡng đảng viên mới',
    committeeStaff: 'Lớp bồi dưỡng cấp ủy viên',
  },
  voteKind: {
    cell: 'Chi bộ xét kết nạp',
    grassroots: 'Đảng ủy cơ sở xét kết nạp',
    recognitionCell: 'Chi bộ xét công nhận chính thức',
    recognitionGrassroots: 'Đảng ủy cơ sở xét công nhận chính thức',
  },
};

/** Each breakdown's title and the name of its sheet in an XLSX export, which Excel cuts at 31 characters. */
export const DIMENSION_TITLES: Record<string, { title: string; sheetName: string }> = {
  byEducation: { title: 'Trình độ chuyên môn', sheetName: 'Trình độ chuyên môn' },
  byGeneralEducation: { title: 'Trình độ giáo dục phổ thông', sheetName: 'Trình độ giáo dục phổ thông' },
  byGender: { title: 'Giới tính', sheetName: 'Giới tính' },
  byEthnicity: { title: 'Dân tộc', sheetName: 'Dân tộc' },
  byReligion: { title: 'Tôn giáo', sheetName: 'Tôn giáo' },
  byAgeBand: { title: 'Độ tuổi khi kết nạp', sheetName: 'Độ tuổi khi kết nạp' },
  byOccupation: { title: 'Nghề nghiệp', sheetName: 'Nghề nghiệp' },
  byYouthUnion: { title: 'Đoàn viên Đoàn TNCS Hồ Chí Minh', sheetName: 'Đoàn viên' },
};

export function labelOf(dimension: string, key: string): string {
  return DIMENSION_LABELS[dimension]?.[key] ?? key;
}

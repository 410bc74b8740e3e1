/** Vietnamese names of the candidate's enumerated values, for forms (schema titles) and reports alike. */
export const GENDER_LABELS = { male: 'Nam', female: 'Nữ' };

export const EDUCATION_LEVEL_LABELS = {
  none: 'Chưa qua đào tạo',
  intermediate: 'Trung cấp',
  college: 'Cao đẳng',
  university: 'Đại học',
  master: 'Thạc sĩ',
  doctor: 'Tiến sĩ',
};

export const GENERAL_EDUCATION_LABELS = {
  primary: 'Tiểu học',
  lowerSecondary: 'Trung học cơ sở',
  upperSecondary: 'Trung học phổ thông',
};

/**
 * The occupation categories of the admission reports (domain.md: "occupation category"). The API takes any text, so
 * that a paper dossier's own wording is kept; forms offer these categories, and a value among them is shown and
 * counted under its Vietnamese name.
 */
export const OCCUPATION_LABELS = {
  civilServant: 'Cán bộ, công chức, viên chức',
  teacher: 'Giáo viên',
  worker: 'Công nhân',
  farmer: 'Nông dân',
  student: 'Học sinh, sinh viên',
  armedForces: 'Lực lượng vũ trang',
  business: 'Doanh nhân, người lao động doanh nghiệp',
  other: 'Khác',
};

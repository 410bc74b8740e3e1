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

import type { Role } from '../api/types';

/** Roles as the people who hold them say it. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  specialist: 'Chuyên viên Ban Tổ chức',
  cellSecretary: 'Bí thư chi bộ',
  grassrootsOfficer: 'Cấp ủy viên cơ sở',
  committeeMember: 'Ủy viên Ban Thường vụ',
  inspector: 'Đoàn kiểm tra',
};

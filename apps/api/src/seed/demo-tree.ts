import type { NewOrganization } from '../organizations/organizations.service';
import type { Role } from '@workflows/common/roles';

export const DEMO_COMMITTEE = 'Thành ủy Bắc Kạn';

interface DemoOrganization extends Omit<NewOrganization, 'parentId'> {
  key: string;
  parent?: string;
}

/** A city committee with a grassroots committee that has a section, a ward, and a delegated police committee. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'committee', name: DEMO_COMMITTEE, kind: 'committee', committeeSize: 5 },
  {
    key: 'education',
    parent: 'committee',
    name: 'Đảng bộ Sở Giáo dục và Đào tạo',
    kind: 'grassroots',
    committeeSize: 9,
  },
  { key: 'school', parent: 'education', name: 'Đảng ủy bộ phận Trường THPT Chuyên Bắc Kạn', kind: 'section' },
  { key: 'maths', parent: 'school', name: 'Chi bộ Tổ Toán – Tin', kind: 'cell' },
  { key: 'literature', parent: 'school', name: 'Chi bộ Tổ Ngữ văn', kind: 'cell' },
  { key: 'office', parent: 'education', name: 'Chi bộ Văn phòng Sở', kind: 'cell' },
  { key: 'ward', parent: 'committee', name: 'Đảng bộ phường Đức Xuân', kind: 'grassroots', committeeSize: 11 },
  { key: 'block1', parent: 'ward', name: 'Chi bộ Tổ dân phố 1', kind: 'cell' },
  { key: 'block2', parent: 'ward', name: 'Chi bộ Tổ dân phố 2', kind: 'cell' },
  {
    key: 'police',
    parent: 'committee',
    name: 'Đảng bộ Công an tỉnh',
    kind: 'grassroots',
    committeeSize: 7,
    delegatedAdmission: true,
  },
  { key: 'staff', parent: 'police', name: 'Chi bộ Phòng Tham mưu', kind: 'cell' },
];

/** One user per role; the committee members are five, the size of the standing committee. */
export const DEMO_USERS: { username: string; roles: Role[]; scope: string | null; who: string }[] = [
  { username: 'quantri', roles: ['admin'], scope: null, who: 'Quản trị hệ thống' },
  {
    username: 'chuyenvien',
    roles: ['specialist'],
    scope: 'committee',
    who: 'Chuyên viên Ban Tổ chức Thành ủy Bắc Kạn, từ 01/7/2025 Tỉnh ủy Thái Nguyên',
  },
  { username: 'bithu.vanphong', roles: ['cellSecretary'], scope: 'office', who: 'Bí thư Chi bộ Văn phòng Sở' },
  { username: 'bithu.toan', roles: ['cellSecretary'], scope: 'maths', who: 'Bí thư Chi bộ Tổ Toán – Tin' },
  { username: 'danguy.giaoduc', roles: ['grassrootsOfficer'], scope: 'education', who: 'Cấp ủy viên Đảng bộ Sở GD&ĐT' },
  ...[1, 2, 3, 4, 5].map((n) => ({
    username: `uyvien${n}`,
    roles: ['committeeMember'] as Role[],
    scope: 'committee',
    who: `Ủy viên Ban Thường vụ số ${n} (Thành ủy Bắc Kạn, từ 01/7/2025 Tỉnh ủy Thái Nguyên)`,
  })),
  { username: 'kiemtra', roles: ['inspector'], scope: 'committee', who: 'Thành viên đoàn kiểm tra' },
];

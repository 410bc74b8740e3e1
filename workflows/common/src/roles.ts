export const ROLES = [
  'admin',
  'specialist',
  'cellSecretary',
  'grassrootsOfficer',
  'committeeMember',
  'inspector',
] as const;
export type Role = (typeof ROLES)[number];

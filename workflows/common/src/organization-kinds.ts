/**
 * The kinds of party organisation in the tree. `grassrootsCell`: a cell that is itself the grassroots organisation
 * (chi bộ cơ sở), directly under a committee.
 */
export const ORGANIZATION_KINDS = ['committee', 'grassroots', 'section', 'cell', 'grassrootsCell'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Their Vietnamese names, for every screen, report and message. */
export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  committee: 'Đảng bộ cấp trên cơ sở',
  grassroots: 'Đảng bộ cơ sở',
  section: 'Đảng bộ bộ phận',
  cell: 'Chi bộ',
  grassrootsCell: 'Chi bộ cơ sở',
};

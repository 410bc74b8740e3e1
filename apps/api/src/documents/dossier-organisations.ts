import type { DossierOrganisations } from '@libs/documents';
import type { OrganizationEntity } from '@libs/persistence';

export type Ancestor = Pick<OrganizationEntity, 'name' | 'kind' | 'delegatedAdmission'>;

/** The names a dossier's documents print, from its cell's ancestry (root first, the cell last). */
export function dossierOrganisations(chain: readonly Ancestor[]): DossierOrganisations {
  const cell = chain[chain.length - 1];
  const grassroots = chain.find((org) => org.kind === 'grassroots') ?? null;
  const committees = chain.filter((org) => org.kind === 'committee');
  const committee = committees[committees.length - 1];
  return {
    cell: cell.name,
    section: chain.find((org) => org.kind === 'section')?.name ?? null,
    grassroots: grassroots?.name ?? null,
    committee: committee?.name ?? '',
    committeeSuperior: committees.length > 1 ? committees[committees.length - 2].name : null,
    delegatedAdmission: grassroots?.delegatedAdmission ?? false,
  };
}

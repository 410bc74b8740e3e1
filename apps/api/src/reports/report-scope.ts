import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganizationEntity } from '@libs/persistence';
import { OrganizationsService } from '../organizations/organizations.service';
import { ANCESTORS_SQL } from '../organizations/organization-versions';

/**
 * Which tree a report places each fact in: `historical`, the organisation that held the dossier on the fact's date
 * in the tree of that day (with the past of organisations merged into the reported one); `current`, today's tree.
 */
export type ReportTree = 'historical' | 'current';

export interface ReportScope {
  organization: OrganizationEntity;
  tree: ReportTree;
  /** Today's subtree, as a LIKE pattern on paths. */
  prefix: string;
  /**
   * The organisation and those merged into it or under it (not across parents: `reportLineage`): a historical fact
   * counts when its holder was under one.
   */
  lineage: string[];
}

/**
 * How rows of dossiers `d` are tied to the scope ($1, `scopeParameter(scope)`) for a fact dated `date` (an SQL
 * expression). Historically: the holder on that date (dossier_holdings) and its ancestors on that date
 * (organization_versions); an organisation with no version on that date (set up after it) answers with today's path.
 */
export function heldOn(scope: ReportScope, date: string): { joins: string; where: string } {
  if (scope.tree === 'current') return { joins: '', where: 'd.org_path LIKE $1' };
  return {
    joins: `JOIN dossier_holdings h ON h.dossier_id = d.id AND h.during @> ${date}
      JOIN organizations ho ON ho.id = h.org_id
      LEFT JOIN organization_versions v ON v.org_id = h.org_id AND v.valid @> ${date}`,
    where: `${heldUnder(scope)} && $1::uuid[]`,
  };
}

/** The dossiers `d` of the scope whose `dateColumn` falls between $2 and $3. */
export function dossiersOf(scope: ReportScope, dateColumn: string): string {
  const { joins, where } = heldOn(scope, `d.${dateColumn}`);
  return `FROM dossiers d ${joins} WHERE ${where} AND d.${dateColumn} BETWEEN $2 AND $3`;
}

/** The ids of the organisations above (and including) the holder of a row of `dossiersOf`. */
export function heldUnder(scope: ReportScope): string {
  return scope.tree === 'current' ? ANCESTORS_SQL('d.org_path') : `coalesce(v.ancestors, ${ANCESTORS_SQL('ho.path')})`;
}

export const scopeParameter = (scope: ReportScope) => (scope.tree === 'current' ? scope.prefix : scope.lineage);

@Injectable()
export class ReportScopes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * The scope of a report on `organization`. Until the tree or a dossier's holder has ever changed, the two trees
   * are one, and the report takes the shorter road of today's paths.
   */
  async resolve(organization: OrganizationEntity, tree: ReportTree): Promise<ReportScope> {
    const prefix = `${organization.path}%`;
    const [{ changed }] = await this.dataSource.query(
      `SELECT (EXISTS (SELECT 1 FROM organization_versions WHERE NOT upper_inf(valid))
         OR EXISTS (SELECT 1 FROM dossier_holdings WHERE NOT upper_inf(during))) AS changed`,
    );
    const effective = tree === 'historical' && !changed ? 'current' : tree;
    const lineage =
      effective === 'historical' ? await this.organizations.reportLineage(organization.path, organization.id) : [];
    return { organization, tree: effective, prefix, lineage };
  }
}

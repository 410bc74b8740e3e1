import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganizationEntity } from '@libs/persistence';
import type { ReportScope } from './report-scope';

interface TreeNode {
  id: string;
  parentId: string | null;
  /** Merged into another organisation and kept, closed, under it. */
  merged: boolean;
}

/**
 * The target of `rootId` for a year in a tree of `nodes`: its own quota when it has one, else the sum of its
 * children's targets, down the tree; merged organisations kept under it add the quotas they had of their own before
 * their merge (from the merge year on, those were added to the target's quota). Null when nothing below has a quota.
 */
function targetIn(nodes: TreeNode[], own: Map<string, number>, rootId: string): number | null {
  const children = new Map<string, TreeNode[]>();
  for (const node of nodes)
    if (node.parentId) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  const sum = (targets: (number | null)[]) => {
    const known = targets.filter((t): t is number => t !== null);
    return known.length ? known.reduce((a, b) => a + b, 0) : null;
  };
  const targetOf = (id: string): number | null => {
    const below = children.get(id) ?? [];
    const base = own.get(id) ?? sum(below.filter((child) => !child.merged).map((child) => targetOf(child.id)));
    return sum([base, ...below.filter((child) => child.merged).map((child) => targetOf(child.id))]);
  };
  return targetOf(rootId);
}

/** An organisation's admission target for a year, as `GET /api/quotas` lists it. */
export interface QuotaRow {
  orgId: string;
  name: string;
  year: number;
  target: number;
}

/** Admission targets (chỉ tiêu kết nạp) per organisation and year. */
@Injectable()
export class QuotasService {
  constructor(private readonly dataSource: DataSource) {}

  async set(orgId: string, year: number, target: number) {
    await this.dataSource.query(
      `INSERT INTO quotas (org_id, year, target) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, year) DO UPDATE SET target = EXCLUDED.target, updated_at = now()`,
      [orgId, year, target],
    );
    return { orgId, year, target };
  }

  /**
   * The target of the scope's organisation for each year. In today's tree, from the organisations under it today.
   * In the historical tree, from the tree of each year (each organisation as it last was in that year): the
   * organisation and those of its report lineage that stood highest then, so that a merged organisation's quotas
   * before its merge count where it then sat, and from its merge year on in its target's.
   */
  async targets(scope: ReportScope, years: number[]): Promise<Map<number, number | null>> {
    return scope.tree === 'current'
      ? this.currentTargets(scope.organization, years)
      : this.historicalTargets(scope.lineage, years);
  }

  private async currentTargets(organization: OrganizationEntity, years: number[]) {
    const nodes: TreeNode[] = await this.dataSource.query(
      `SELECT id, parent_id AS "parentId", merged_into_id IS NOT NULL AS merged FROM organizations WHERE path LIKE $1`,
      [`${organization.path}%`],
    );
    const quotas = await this.quotasOf(
      nodes.map((node) => node.id),
      years,
    );
    return new Map(years.map((year) => [year, targetIn(nodes, quotas.get(year) ?? new Map(), organization.id)]));
  }

  private async historicalTargets(lineage: string[], years: number[]) {
    const rows: (TreeNode & { year: number; ancestors: string[] })[] = await this.dataSource.query(
      `SELECT DISTINCT ON (y, v.org_id) y AS year, v.org_id AS id, v.parent_id AS "parentId", false AS merged,
         v.ancestors
       FROM unnest($2::int[]) y
       JOIN organization_versions v ON v.valid && daterange(make_date(y, 1, 1), make_date(y + 1, 1, 1))
       WHERE v.ancestors && $1::uuid[]
       ORDER BY y, v.org_id, lower(v.valid) DESC NULLS LAST`,
      [lineage, years],
    );
    const quotas = await this.quotasOf([...new Set(rows.map((row) => row.id))], years);
    const reach = new Set(lineage);
    return new Map(
      years.map((year) => {
        const nodes = rows.filter((row) => row.year === year);
        // The highest organisations of the lineage in that year's tree: none of them under another.
        const tops = nodes.filter(
          (node) => reach.has(node.id) && !node.ancestors.some((id) => id !== node.id && reach.has(id)),
        );
        const targets = tops
          .map((top) => targetIn(nodes, quotas.get(year) ?? new Map(), top.id))
          .filter((t): t is number => t !== null);
        return [year, targets.length ? targets.reduce((a, b) => a + b, 0) : null];
      }),
    );
  }

  /** The quotas of the organisations `ids` for `years`, per year and organisation. */
  private async quotasOf(ids: string[], years: number[]): Promise<Map<number, Map<string, number>>> {
    const rows: { orgId: string; year: number; target: number }[] = await this.dataSource.query(
      `SELECT org_id AS "orgId", year, target FROM quotas WHERE org_id = ANY($1) AND year = ANY($2)`,
      [ids, years],
    );
    const byYear = new Map<number, Map<string, number>>();
    for (const row of rows) byYear.set(row.year, (byYear.get(row.year) ?? new Map()).set(row.orgId, row.target));
    return byYear;
  }

  list(organization: OrganizationEntity): Promise<QuotaRow[]> {
    return this.dataSource.query(
      `SELECT q.org_id AS "orgId", o.name, q.year, q.target FROM quotas q JOIN organizations o ON o.id = q.org_id
       WHERE o.path LIKE $1 ORDER BY q.year, o.path`,
      [`${organization.path}%`],
    );
  }
}

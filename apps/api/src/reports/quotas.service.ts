import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganizationEntity } from '@libs/persistence';

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
   * The target of `organization` for each year: its own quota when it has one, else the sum of its children's
   * targets, down the tree. A year without any quota in the subtree has no target (null).
   */
  async targets(organization: OrganizationEntity, years: number[]): Promise<Map<number, number | null>> {
    const orgs: { id: string; parentId: string | null }[] = await this.dataSource.query(
      `SELECT id, parent_id AS "parentId" FROM organizations WHERE path LIKE $1`,
      [`${organization.path}%`],
    );
    const quotas: { orgId: string; year: number; target: number }[] = await this.dataSource.query(
      `SELECT q.org_id AS "orgId", q.year, q.target FROM quotas q JOIN organizations o ON o.id = q.org_id
       WHERE o.path LIKE $1 AND q.year = ANY($2)`,
      [`${organization.path}%`, years],
    );
    const children = new Map<string, string[]>();
    for (const org of orgs)
      if (org.parentId) children.set(org.parentId, [...(children.get(org.parentId) ?? []), org.id]);
    const own = new Map(quotas.map((q) => [`${q.orgId}/${q.year}`, q.target]));
    const targetOf = (id: string, year: number): number | null => {
      const set = own.get(`${id}/${year}`);
      if (set !== undefined) return set;
      const below = (children.get(id) ?? [])
        .map((child) => targetOf(child, year))
        .filter((t): t is number => t !== null);
      return below.length ? below.reduce((a, b) => a + b, 0) : null;
    };
    return new Map(years.map((year) => [year, targetOf(organization.id, year)]));
  }

  list(organization: OrganizationEntity) {
    return this.dataSource.query(
      `SELECT q.org_id AS "orgId", o.name, q.year, q.target FROM quotas q JOIN organizations o ON o.id = q.org_id
       WHERE o.path LIKE $1 ORDER BY q.year, o.path`,
      [`${organization.path}%`],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@libs/clock';
import type { OrganizationEntity } from '@libs/persistence';
import { ANCESTORS_SQL } from '../organizations/organization-versions';
import { heldOn, heldUnder, scopeParameter, type ReportScope, type ReportTree } from './report-scope';

export interface ComplianceItem {
  dossierId: string;
  fullName: string;
  kind: string;
  label: string;
  dueOn: string;
  closedOn: string | null;
}

export interface ComplianceRow {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  completedLate: { count: number; items: ComplianceItem[] };
  overdueNow: { count: number; items: ComplianceItem[] };
}

/**
 * For inspection teams (đoàn kiểm tra): per organisation of the subtree, the steps done late in the period and the
 * steps overdue today, each number with the dossiers behind it. Counts include the organisations below.
 */
@Injectable()
export class ComplianceReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async build(scope: ReportScope, from: string, to: string, tree: ReportTree) {
    const { organization, prefix } = scope;
    const today = this.clock.today();
    const historical = scope.tree === 'historical';
    // In the historical tree, the organisations of the period (each as it last was in it) beside today's.
    const orgs: (OrganizationEntity & { path: string })[] = await this.dataSource.query(
      historical
        ? `SELECT * FROM (
             SELECT DISTINCT ON (v.org_id) v.org_id AS id, v.name, v.kind, v.parent_id AS "parentId", v.path
             FROM organization_versions v WHERE v.valid && daterange($2::date, $3::date, '[]') AND v.ancestors && $1
             ORDER BY v.org_id, lower(v.valid) DESC NULLS LAST) past
           UNION SELECT id, name, kind, parent_id, path FROM organizations WHERE path LIKE $4 AND closed_on IS NULL
           ORDER BY path`
        : `SELECT id, name, kind, parent_id AS "parentId", path FROM organizations WHERE path LIKE $1 ORDER BY path`,
      historical ? [scope.lineage, from, to, prefix] : [prefix],
    );
    // A step done late is placed where the dossier was held on the day it was done; one overdue now, in today's tree.
    const held = heldOn(scope, 'l.closed_on');
    const completedLate = `SELECT l.dossier_id AS "dossierId", d.full_name AS "fullName", l.kind, l.label,
         l.due_on AS "dueOn", l.closed_on AS "closedOn", ${heldUnder(scope)} AS ancestors, false AS overdue
       FROM deadlines l JOIN dossiers d ON d.id = l.dossier_id ${held.joins}
       WHERE ${held.where} AND l.is_step AND l.status = 'done' AND l.late AND l.closed_on BETWEEN $2 AND $3`;
    const overdueNow = `SELECT l.dossier_id AS "dossierId", d.full_name AS "fullName", l.kind, l.label,
         l.due_on AS "dueOn", l.closed_on AS "closedOn", ${ANCESTORS_SQL('d.org_path')} AS ancestors, true AS overdue
       FROM deadlines l JOIN dossiers d ON d.id = l.dossier_id
       WHERE d.org_path LIKE $4 AND l.is_step AND l.status = 'open' AND l.due_on < $5`;
    const items: (ComplianceItem & { ancestors: string[]; overdue: boolean })[] = await this.dataSource.query(
      `SELECT * FROM (${completedLate} UNION ALL ${overdueNow}) steps ORDER BY "dueOn", "fullName"`,
      [scopeParameter(scope), from, to, prefix, today],
    );
    const rows: ComplianceRow[] = orgs.map((org) => {
      const mine = items.filter((item) => item.ancestors.includes(org.id));
      const pick = (overdue: boolean) =>
        mine
          .filter((item) => item.overdue === overdue)
          .map(({ ancestors: _ancestors, overdue: _overdue, ...item }) => item);
      const completedLate = pick(false);
      const overdueNow = pick(true);
      return {
        id: org.id,
        name: org.name,
        kind: org.kind,
        parentId: org.parentId,
        completedLate: { count: completedLate.length, items: completedLate },
        overdueNow: { count: overdueNow.length, items: overdueNow },
      };
    });
    return {
      organization: { id: organization.id, name: organization.name, kind: organization.kind },
      period: { from, to },
      tree,
      asOf: today,
      organizations: rows,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganizationEntity } from '@libs/persistence';
import { todayInVietnam } from '@workflows/common/local-date';

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
  constructor(private readonly dataSource: DataSource) {}

  async build(organization: OrganizationEntity, from: string, to: string) {
    const prefix = `${organization.path}%`;
    const today = todayInVietnam();
    const orgs: (OrganizationEntity & { path: string })[] = await this.dataSource.query(
      `SELECT id, name, kind, parent_id AS "parentId", path FROM organizations WHERE path LIKE $1 ORDER BY path`,
      [prefix],
    );
    const items: (ComplianceItem & { orgPath: string; overdue: boolean })[] = await this.dataSource.query(
      `SELECT l.dossier_id AS "dossierId", d.full_name AS "fullName", l.kind, l.label, l.due_on AS "dueOn",
         l.closed_on AS "closedOn", d.org_path AS "orgPath", (l.status = 'open') AS overdue
       FROM deadlines l JOIN dossiers d ON d.id = l.dossier_id
       WHERE d.org_path LIKE $1 AND l.is_step AND (
         (l.status = 'done' AND l.late AND l.closed_on BETWEEN $2 AND $3) OR (l.status = 'open' AND l.due_on < $4))
       ORDER BY l.due_on, d.full_name`,
      [prefix, from, to, today],
    );
    const rows: ComplianceRow[] = orgs.map((org) => {
      const mine = items.filter((item) => item.orgPath.startsWith(org.path));
      const pick = (overdue: boolean) =>
        mine.filter((item) => item.overdue === overdue).map(({ orgPath: _path, overdue: _overdue, ...item }) => item);
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
      asOf: today,
      organizations: rows,
    };
  }
}

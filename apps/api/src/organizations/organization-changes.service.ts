import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { AuthenticatedUser } from '@libs/auth';
import { Clock } from '@libs/clock';
import type { OrganizationEntity } from '@libs/persistence';
import {
  ORGANIZATION_COLUMNS,
  checkParent,
  checkYouthUnion,
  holdsDossiers,
  OrganizationsService,
} from './organizations.service';
import {
  beforeOpening,
  changeOutOfOrder,
  closedOrganization,
  futureChange,
  mergeTarget,
  moveIntoOwnSubtree,
  notEmpty,
} from './organization-rules';
import { latestVersionStart, repath, restampVersions } from './organization-versions';

export interface OrganizationUpdate {
  name?: string;
  parentId?: string | null;
  committeeSize?: number | null;
  delegatedAdmission?: boolean;
  youthUnionPresent?: boolean;
  effectiveFrom: string;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

/** A recorded change, as `GET /api/organizations/:id/changes` lists it. */
export interface OrganizationChange {
  id: number;
  orgId: string;
  relatedOrgId: string | null;
  kind: 'update' | 'merge' | 'close';
  effectiveFrom: string;
  changes: Changes;
  actor: { id: string; username: string };
  recordedAt: string;
}

/**
 * Changes to the organisation tree, each with the date it takes effect: rename and other attributes, move under
 * another parent, merge into another organisation, close an empty one. Each is one transaction, recorded with who
 * made it and when, and never rewrites what the tree was before its effective date.
 */
@Injectable()
export class OrganizationChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  async update(user: AuthenticatedUser, id: string, input: OrganizationUpdate): Promise<OrganizationEntity> {
    await this.organizations.findInScope(user, id);
    if (input.parentId) await this.organizations.findInScope(user, input.parentId);
    return this.inTransaction(async (db) => {
      const org = await this.lock(db, id);
      const { effectiveFrom } = input;
      const changes: Changes = {};
      let moved: string[] = [];
      if (input.parentId !== undefined && input.parentId !== org.parentId) {
        const parent = input.parentId ? await this.lock(db, input.parentId) : null;
        if (parent?.path.startsWith(org.path)) throw moveIntoOwnSubtree();
        if (parent?.closedOn) throw closedOrganization(parent.name);
        checkParent(org.kind, parent?.kind ?? null);
        moved = await this.subtreeIds(db, org.path);
        await this.checkDate(db, [...moved, ...(parent ? [parent.id] : [])], effectiveFrom, [org, parent]);
        await repath(db, org.path, `${parent?.path ?? '/'}${org.id}/`);
        await db.query('UPDATE organizations SET parent_id = $2 WHERE id = $1', [org.id, parent?.id ?? null]);
        changes.parentId = { from: org.parentId, to: parent?.id ?? null };
      } else await this.checkDate(db, [org.id], effectiveFrom, [org]);

      if (input.delegatedAdmission !== undefined) checkParent(org.kind, undefined, input.delegatedAdmission);
      if (input.youthUnionPresent !== undefined) checkYouthUnion(org.kind);
      for (const [field, column] of [
        ['name', 'name'],
        ['committeeSize', 'committee_size'],
        ['delegatedAdmission', 'delegated_admission'],
        ['youthUnionPresent', 'youth_union_present'],
      ] as const) {
        const value = input[field];
        if (value === undefined || value === org[field]) continue;
        await db.query(`UPDATE organizations SET ${column} = $2 WHERE id = $1`, [org.id, value]);
        changes[field] = { from: org[field], to: value };
      }
      if (Object.keys(changes).length === 0) return org;
      await restampVersions(db, moved.length ? moved : [org.id], effectiveFrom);
      await this.record(db, user, { orgId: org.id, kind: 'update', effectiveFrom, changes });
      return this.lock(db, org.id);
    });
  }

  /**
   * Merges `id` into `intoId` from `effectiveFrom`: its organisations move under the target, its dossiers (when it is
   * a cell) pass to the target cell, its users' scopes, webhooks and quotas from that year on follow; it is closed
   * and kept under the target, so the target's users read its past.
   */
  async merge(user: AuthenticatedUser, id: string, input: { intoId: string; effectiveFrom: string }) {
    await this.organizations.findInScope(user, id);
    await this.organizations.findInScope(user, input.intoId);
    const { effectiveFrom } = input;
    return this.inTransaction(async (db) => {
      // Locked in id order, so two merges of the same pair wait for each other instead of deadlocking.
      const [first, second] = [id, input.intoId].sort();
      const locked = [await this.lock(db, first), await this.lock(db, second)];
      const source = locked.find((org) => org.id === id)!;
      const target = locked.find((org) => org.id === input.intoId)!;
      if (source.id === target.id || target.path.startsWith(source.path))
        throw mergeTarget(
          'Không thể hợp nhất một tổ chức vào chính nó hoặc tổ chức trực thuộc nó.',
          'An organisation cannot merge into itself or into one of its own.',
        );
      if (target.closedOn) throw closedOrganization(target.name);
      if (holdsDossiers(source.kind) !== holdsDossiers(target.kind))
        throw mergeTarget(
          `Chi bộ chỉ hợp nhất vào chi bộ; ${source.name} và ${target.name} khác cấp.`,
          `A cell merges only into a cell; ${source.name} and ${target.name} are of different levels.`,
        );
      const children: OrganizationEntity[] = await db.query(
        `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE parent_id = $1 AND closed_on IS NULL`,
        [source.id],
      );
      for (const child of children) checkParent(child.kind, target.kind);
      const moved = await this.subtreeIds(db, source.path);
      await this.checkDate(db, [...moved, target.id], effectiveFrom, [source, target]);
      await this.checkHoldings(db, source.id, effectiveFrom);

      for (const child of children) {
        await repath(db, child.path, `${target.path}${child.id}/`);
        await db.query('UPDATE organizations SET parent_id = $2 WHERE id = $1', [child.id, target.id]);
      }
      const dossiers = await this.passDossiers(db, source, target, effectiveFrom);
      await db.query('UPDATE users SET scope_org_id = $2 WHERE scope_org_id = $1', [source.id, target.id]);
      // Whoever listened to the source's reminders goes on hearing those of the organisation that carries them on.
      await db.query('UPDATE webhooks SET org_id = $2 WHERE org_id = $1', [source.id, target.id]);
      await this.passQuotas(db, source, target, Number(effectiveFrom.slice(0, 4)));
      await repath(db, source.path, `${target.path}${source.id}/`);
      await db.query('UPDATE organizations SET parent_id = $2, merged_into_id = $2, closed_on = $3 WHERE id = $1', [
        source.id,
        target.id,
        effectiveFrom,
      ]);
      await restampVersions(db, moved, effectiveFrom);
      await this.record(db, user, {
        orgId: source.id,
        relatedOrgId: target.id,
        kind: 'merge',
        effectiveFrom,
        changes: {
          mergedIntoId: { from: null, to: target.id },
          closedOn: { from: null, to: effectiveFrom },
          organizations: { from: null, to: children.map((child) => child.id) },
          dossiers: { from: null, to: dossiers },
        },
      });
      return this.lock(db, source.id);
    });
  }

  /** Closes an organisation that holds nothing any more: no open organisation under it and no dossier. */
  async close(user: AuthenticatedUser, id: string, effectiveFrom: string) {
    await this.organizations.findInScope(user, id);
    return this.inTransaction(async (db) => {
      const org = await this.lock(db, id);
      const [{ held }] = await db.query(
        `SELECT (EXISTS (SELECT 1 FROM organizations WHERE parent_id = $1 AND closed_on IS NULL)
           OR EXISTS (SELECT 1 FROM dossiers WHERE cell_id = $1)) AS held`,
        [org.id],
      );
      if (held) throw notEmpty(org.name);
      await this.checkDate(db, [org.id], effectiveFrom, [org]);
      await db.query('UPDATE organizations SET closed_on = $2 WHERE id = $1', [org.id, effectiveFrom]);
      await restampVersions(db, [org.id], effectiveFrom);
      await this.record(db, user, {
        orgId: org.id,
        kind: 'close',
        effectiveFrom,
        changes: { closedOn: { from: null, to: effectiveFrom } },
      });
      return this.lock(db, org.id);
    });
  }

  /** The recorded changes of an organisation, including merges into it, in the order they took effect. */
  async changes(user: AuthenticatedUser, id: string): Promise<OrganizationChange[]> {
    await this.organizations.findInScope(user, id);
    const rows = await this.dataSource.query(
      `SELECT id::int, org_id AS "orgId", related_org_id AS "relatedOrgId", kind, effective_from AS "effectiveFrom",
         changes, actor_id AS "actorId", actor_username AS "actorUsername", recorded_at AS "recordedAt"
       FROM organization_changes WHERE org_id = $1 OR related_org_id = $1 ORDER BY effective_from, id`,
      [id],
    );
    return rows.map(({ actorId, actorUsername, recordedAt, ...change }: Record<string, unknown>) => ({
      ...change,
      actor: { id: actorId, username: actorUsername },
      recordedAt: new Date(recordedAt as string).toISOString(),
    }));
  }

  /** The target cell holds the source's dossiers from the effective date; answers their ids. */
  private async passDossiers(db: QueryRunner, source: OrganizationEntity, target: OrganizationEntity, on: string) {
    // TypeORM answers an UPDATE or DELETE with [rows, count] unless asked for a structured result.
    const { records } = await db.query(
      'UPDATE dossiers SET cell_id = $2, org_path = $3 WHERE cell_id = $1 RETURNING id',
      [source.id, target.id, target.path],
      true,
    );
    const ids = (records as { id: string }[]).map((row) => row.id);
    await db.query(
      `UPDATE dossier_holdings SET during = daterange(lower(during), $3::date)
       WHERE dossier_id = ANY($1) AND org_id = $2 AND upper_inf(during)`,
      [ids, source.id, on],
    );
    await db.query(
      `INSERT INTO dossier_holdings (dossier_id, org_id, during) SELECT unnest($1::uuid[]), $2, daterange($3::date, NULL)`,
      [ids, target.id, on],
    );
    return ids;
  }

  /** A dossier that came into the source after the merge date cannot be given back to the day before. */
  private async checkHoldings(db: QueryRunner, sourceId: string, effectiveFrom: string) {
    const [{ latest }] = await db.query(
      `SELECT max(lower(during))::text AS latest FROM dossier_holdings WHERE org_id = $1 AND upper_inf(during)`,
      [sourceId],
    );
    if (latest && latest >= effectiveFrom) throw changeOutOfOrder(effectiveFrom, latest);
  }

  /**
   * The source's quotas from the merge year on join the target's: added to the target's own quota, or, where the
   * target had none, to what its children's quotas summed to.
   */
  private async passQuotas(db: QueryRunner, source: OrganizationEntity, target: OrganizationEntity, fromYear: number) {
    const { records } = await db.query(
      'DELETE FROM quotas WHERE org_id = $1 AND year >= $2 RETURNING year, target',
      [source.id, fromYear],
      true,
    );
    for (const quota of records as { year: number; target: number }[]) {
      const [own] = await db.query('SELECT target FROM quotas WHERE org_id = $1 AND year = $2', [
        target.id,
        quota.year,
      ]);
      const [{ children }] = own
        ? [{ children: 0 }]
        : await db.query(
            `SELECT coalesce(sum(q.target), 0)::int AS children FROM quotas q JOIN organizations o ON o.id = q.org_id
             WHERE o.parent_id = $1 AND q.year = $2`,
            [target.id, quota.year],
          );
      await db.query(
        `INSERT INTO quotas (org_id, year, target) VALUES ($1, $2, $3)
         ON CONFLICT (org_id, year) DO UPDATE SET target = quotas.target + $4, updated_at = now()`,
        [target.id, quota.year, quota.target + children, quota.target],
      );
    }
  }

  private async checkDate(
    db: QueryRunner,
    ids: string[],
    effectiveFrom: string,
    orgs: (OrganizationEntity | null)[],
  ): Promise<void> {
    const today = this.clock.today();
    if (effectiveFrom > today) throw futureChange(effectiveFrom, today);
    for (const org of orgs) {
      if (!org) continue;
      if (org.closedOn) throw closedOrganization(org.name);
      if (org.openedOn && effectiveFrom < org.openedOn) throw beforeOpening(effectiveFrom, org.openedOn);
    }
    const latest = await latestVersionStart(db, ids);
    if (latest && latest > effectiveFrom) throw changeOutOfOrder(effectiveFrom, latest);
  }

  private async subtreeIds(db: QueryRunner, path: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM organizations WHERE path LIKE $1 || '%'`, [path]);
    return rows.map((row) => row.id);
  }

  private async lock(db: QueryRunner, id: string): Promise<OrganizationEntity> {
    const [org] = await db.query(`SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE id = $1 FOR UPDATE`, [id]);
    return org;
  }

  private async record(
    db: QueryRunner,
    user: AuthenticatedUser,
    change: { orgId: string; relatedOrgId?: string; kind: string; effectiveFrom: string; changes: Changes },
  ) {
    await db.query(
      `INSERT INTO organization_changes (org_id, related_org_id, kind, effective_from, changes, actor_id, actor_username)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        change.orgId,
        change.relatedOrgId ?? null,
        change.kind,
        change.effectiveFrom,
        JSON.stringify(change.changes),
        user.id,
        user.username,
      ],
    );
  }

  private inTransaction<T>(work: (db: QueryRunner) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager.queryRunner!));
  }
}

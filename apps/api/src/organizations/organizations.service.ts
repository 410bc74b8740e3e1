import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@libs/clock';
import { closedOrganization } from './organization-rules';
import { ForbiddenRoleError, inScope, type AuthenticatedUser } from '@libs/auth';
import { OrganizationEntity, type OrganizationKind } from '@libs/persistence';
import type { OrgFacts } from '@workflows/admission';
import { ORGANIZATION_KIND_LABELS } from '@workflows/common/organization-kinds';
import { ApiError, notFound } from '../errors/api-error';
import { openVersion } from './organization-versions';

export interface OrganizationNode {
  id: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  delegatedAdmission: boolean;
  committeeSize: number | null;
  /** Cells and grassroots cells: a Youth Union organisation exists in the unit; null for the other kinds. */
  youthUnionPresent: boolean | null;
  openedOn: string | null;
  closedOn: string | null;
  /**
   * The organisation it was merged into on `closedOn`, named as it was that day; null for one open or dissolved
   * (closed without a merge): the two ends are legally different and shown so.
   */
  mergedInto: { id: string; name: string } | null;
  children: OrganizationNode[];
}

/** Which kinds may sit under which: committee → grassroots → (section →) cell, or committee → grassroots cell. */
const ALLOWED_PARENTS: Record<OrganizationKind, (OrganizationKind | null)[]> = {
  committee: [null, 'committee'],
  grassroots: ['committee'],
  section: ['grassroots'],
  cell: ['grassroots', 'section'],
  grassrootsCell: ['committee'],
};

/** The kinds that hold dossiers themselves. */
export const holdsDossiers = (kind: string) => kind === 'cell' || kind === 'grassrootsCell';

/** Refuses a parent of the wrong kind, and delegated admission anywhere but in a grassroots organisation. */
export function checkParent(kind: OrganizationKind, parentKind?: OrganizationKind | null, delegatedAdmission = false) {
  if (parentKind !== undefined && !ALLOWED_PARENTS[kind].includes(parentKind))
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'INVALID_HIERARCHY',
      `${ORGANIZATION_KIND_LABELS[kind]} không thể trực thuộc ${parentKind ? ORGANIZATION_KIND_LABELS[parentKind].toLowerCase() : 'cấp gốc của cây tổ chức'} / a ${kind} cannot sit under ${parentKind ?? 'the root'}`,
    );
  if (delegatedAdmission && kind !== 'grassroots')
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'INVALID_HIERARCHY',
      'Chỉ đảng bộ cơ sở được ủy quyền kết nạp / only a grassroots organisation can hold delegated admission',
    );
}

/** Only the units that hold dossiers say whether a Youth Union organisation exists in them (Charter art. 4.1). */
export function checkYouthUnion(kind: OrganizationKind) {
  if (!holdsDossiers(kind))
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'INVALID_HIERARCHY',
      `Chỉ chi bộ và chi bộ cơ sở ghi nhận có tổ chức Đoàn hay không (đây là ${ORGANIZATION_KIND_LABELS[kind].toLowerCase()}) / only a cell or a grassroots cell records whether a Youth Union exists (${kind})`,
    );
}

/** The select list of an organisation row, named as the entity's fields. */
export const ORGANIZATION_COLUMNS = `id, name, kind, parent_id AS "parentId", path,
  delegated_admission AS "delegatedAdmission", committee_size AS "committeeSize",
  youth_union_present AS "youthUnionPresent", opened_on AS "openedOn",
  closed_on AS "closedOn", merged_into_id AS "mergedIntoId", created_at AS "createdAt"`;

/** `mergedInto` of the organisation aliased `o`, for the queries that answer nodes. */
const MERGED_INTO_SQL = `(SELECT json_build_object('id', t.id, 'name', coalesce(tv.name, t.name))
    FROM organizations t LEFT JOIN organization_versions tv ON tv.org_id = t.id AND tv.valid @> o.closed_on
    WHERE t.id = o.merged_into_id) AS "mergedInto"`;

export interface NewOrganization {
  name: string;
  kind: OrganizationKind;
  parentId?: string | null;
  delegatedAdmission?: boolean;
  committeeSize?: number | null;
  /** The day it was set up; omitted, it existed before the records. */
  openedOn?: string | null;
  /** Cells and grassroots cells: a Youth Union organisation exists in the unit (default true). */
  youthUnionPresent?: boolean;
}

const toNode = (row: Omit<OrganizationNode, 'children'>): OrganizationNode => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  parentId: row.parentId,
  delegatedAdmission: row.delegatedAdmission,
  committeeSize: row.committeeSize,
  youthUnionPresent: holdsDossiers(row.kind) ? row.youthUnionPresent : null,
  openedOn: row.openedOn,
  closedOn: row.closedOn,
  mergedInto: row.mergedInto,
  children: [],
});

/** Sister organisations in the order of their names, as Vietnamese sorts them ("Tổ 2" before "Tổ 10"). */
const collator = new Intl.Collator('vi', { numeric: true });
const byName = (a: OrganizationNode, b: OrganizationNode) => collator.compare(a.name, b.name);

/**
 * Nodes in path order (parents first) linked into trees, sisters by name: a node whose parent is not among them is
 * a root.
 */
function linkTree(nodes: Map<string, OrganizationNode>): OrganizationNode[] {
  const roots: OrganizationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  for (const node of nodes.values()) node.children.sort(byName);
  return roots.sort(byName);
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(OrganizationEntity);
  }

  /** A new organisation; an admin with a scope creates only under an organisation of their subtree. */
  async create(input: NewOrganization, actor: AuthenticatedUser | null = null): Promise<OrganizationEntity> {
    const parent = input.parentId ? await this.repository.findOneBy({ id: input.parentId }) : null;
    if (input.parentId && (!parent || (actor && !inScope(actor, parent.path))))
      throw notFound('Không tìm thấy tổ chức cấp trên / parent organisation not found');
    if (!parent && actor && actor.scopePath !== null)
      throw new ForbiddenRoleError(
        'Chỉ quản trị toàn hệ thống được tạo tổ chức cấp cao nhất / only an admin of everything creates a top-level organisation',
      );
    checkParent(input.kind, parent?.kind ?? null, input.delegatedAdmission);
    if (input.youthUnionPresent !== undefined) checkYouthUnion(input.kind);
    if (parent?.closedOn) throw closedOrganization(parent.name);
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(OrganizationEntity);
      const entity = repository.create({
        name: input.name,
        kind: input.kind,
        parentId: parent?.id ?? null,
        delegatedAdmission: input.delegatedAdmission ?? false,
        committeeSize: input.committeeSize ?? null,
        openedOn: input.openedOn ?? null,
        youthUnionPresent: input.youthUnionPresent ?? true,
        path: 'pending',
      });
      const saved = await repository.save(entity);
      saved.path = `${parent?.path ?? '/'}${saved.id}/`;
      const opened = await repository.save(saved);
      await openVersion(manager.queryRunner!, opened.id, opened.openedOn);
      return opened;
    });
  }

  /** `manager`: a transaction's, to read on its connection. */
  async findInScope(
    user: AuthenticatedUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationEntity> {
    const organization = await manager.findOneBy(OrganizationEntity, { id });
    if (!organization || !inScope(user, organization.path))
      throw notFound('Không tìm thấy tổ chức / organisation not found');
    return organization;
  }

  async findById(id: string): Promise<OrganizationEntity | null> {
    return this.repository.findOneBy({ id });
  }

  /** One organisation as a node of the tree, without its children: the answer of a change to it. */
  async node(id: string): Promise<OrganizationNode> {
    const [row] = await this.dataSource.query(
      `SELECT ${ORGANIZATION_COLUMNS}, ${MERGED_INTO_SQL} FROM organizations o WHERE id = $1`,
      [id],
    );
    return toNode(row);
  }

  /** The caller's part of the tree as it is today: their scope organisation and what is open under it. */
  async tree(user: AuthenticatedUser): Promise<OrganizationNode[]> {
    const rows = await this.dataSource.query(
      `SELECT ${ORGANIZATION_COLUMNS}, ${MERGED_INTO_SQL} FROM organizations o
       WHERE path LIKE $1 AND (closed_on IS NULL OR closed_on > $2) ORDER BY path`,
      [`${user.scopePath ?? ''}%`, this.clock.today()],
    );
    return linkTree(new Map(rows.map((row: OrganizationNode) => [row.id, toNode(row)])));
  }

  /**
   * The tree on `asOf`, each organisation as it was that day, within the caller's scope over time: their scope
   * organisation and, where organisations were merged into it or under it, those organisations' past too.
   */
  async treeAsOf(user: AuthenticatedUser, asOf: string): Promise<OrganizationNode[]> {
    const lineage = user.scopeOrgId ? await this.lineage(user.scopePath ?? '', user.scopeOrgId) : null;
    const rows = await this.dataSource.query(
      `SELECT v.org_id AS id, v.name, v.kind, v.parent_id AS "parentId", v.delegated_admission AS "delegatedAdmission",
         v.committee_size AS "committeeSize", v.youth_union_present AS "youthUnionPresent", o.opened_on AS "openedOn",
         o.closed_on AS "closedOn", ${MERGED_INTO_SQL}
       FROM organization_versions v JOIN organizations o ON o.id = v.org_id
       WHERE v.valid @> $1::date AND ($2::uuid[] IS NULL OR v.ancestors && $2::uuid[]) ORDER BY v.path`,
      [asOf, lineage],
    );
    return linkTree(new Map(rows.map((row: OrganizationNode) => [row.id, toNode(row)])));
  }

  /**
   * An organisation's reach over time: itself and every organisation merged into it or into one under it (a merged
   * organisation is kept, closed, under its target). Its past counts as the organisation's own.
   */
  async lineage(path: string, id: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM organizations WHERE path LIKE $1 || '%' AND merged_into_id IS NOT NULL`,
      [path],
    );
    return [id, ...rows.map((row) => row.id)];
  }

  /**
   * An organisation's reach over time in reports: as `lineage`, except that the past of an organisation merged across
   * parents stays with the open organisations it sat under when it was merged, so that no fact counts under two
   * organisations of today that do not contain one another. A merged organisation follows its target only where
   * every open organisation above it then is above it today too.
   */
  async reportLineage(path: string, id: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT m.id FROM organizations m
       WHERE m.path LIKE $1 || '%' AND m.merged_into_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM organization_versions last JOIN organizations a ON a.id = ANY(last.ancestors)
           WHERE last.org_id = m.id AND upper(last.valid) = m.closed_on AND a.id <> m.id AND a.closed_on IS NULL
             AND m.path NOT LIKE a.path || '%')`,
      [path],
    );
    return [id, ...rows.map((row) => row.id)];
  }

  /** The organisations on the path from the root to `path`, root first. */
  async ancestry(path: string): Promise<OrganizationEntity[]> {
    const ids = path.split('/').filter(Boolean);
    const rows = await this.repository.createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
    return ids.map((id) => rows.find((row) => row.id === id)).filter((row): row is OrganizationEntity => !!row);
  }

  /**
   * An organisation in the caller's scope (404 otherwise, as `findInScope`) with the admission facts of its
   * ancestry, in one read: what a cell that takes a dossier needs.
   */
  async findInScopeWithFacts(
    user: AuthenticatedUser,
    id: string,
    db: Pick<DataSource, 'query'> = this.dataSource,
  ): Promise<{
    organization: Pick<OrganizationEntity, 'id' | 'name' | 'kind' | 'path' | 'closedOn'>;
    facts: OrgFacts;
  }> {
    const [row] = await db.query(
      `SELECT cell.id, cell.name, cell.kind, cell.path, cell.closed_on AS "closedOn",
         ${ancestryFactsSql('cell.path')} AS ancestry
       FROM organizations cell WHERE cell.id = $1`,
      [id],
    );
    if (!row || !inScope(user, row.path)) throw notFound('Không tìm thấy tổ chức / organisation not found');
    const { ancestry, ...organization } = row;
    return { organization, facts: admissionFactsOf(ancestry) };
  }

  /** The organisational facts the admission workflow judges with, read at the time of each event (on `db`). */
  async admissionFacts(cellPath: string, db: Pick<DataSource, 'query'> = this.dataSource): Promise<OrgFacts> {
    const [{ ancestry }] = await db.query(`SELECT ${ancestryFactsSql('$1::text')} AS ancestry`, [cellPath]);
    return admissionFactsOf(ancestry);
  }
}

export type AncestorFacts = Pick<OrganizationEntity, 'id' | 'kind' | 'delegatedAdmission' | 'committeeSize'> & {
  youthUnionPresent?: boolean;
  /** Active users with the committeeMember role scoped to this organisation: the members of its committee. */
  committeeMemberIds: string[];
};

/**
 * A subquery giving the ancestry of the org path in `pathColumn` (root first) as a JSON array of `AncestorFacts`,
 * so that a query reading a dossier can bring its organisations' facts along instead of a second round trip.
 */
export function ancestryFactsSql(pathColumn: string): string {
  // Aliases no caller uses: the caller's alias of its own row must reach `pathColumn` unshadowed.
  return `coalesce((SELECT json_agg(json_build_object('id', ancestor.id, 'kind', ancestor.kind,
      'delegatedAdmission', ancestor.delegated_admission, 'committeeSize', ancestor.committee_size,
      'youthUnionPresent', ancestor.youth_union_present, 'committeeMemberIds', (SELECT coalesce(json_agg(holder.id), '[]')
        FROM users holder WHERE holder.scope_org_id = ancestor.id AND 'committeeMember' = ANY(holder.roles)
          AND holder.disabled_at IS NULL AND holder.deleted_at IS NULL)) ORDER BY length(ancestor.path))
    FROM organizations ancestor
    WHERE ancestor.id = ANY(string_to_array(trim(BOTH '/' FROM ${pathColumn}), '/')::uuid[])), '[]')`;
}

/**
 * As `ancestryFactsSql`, in the tree of the date in `dateParam` for the dossier whose id is in `dossierIdColumn`:
 * the cell that held it that day and that cell's ancestors as they were. Null when the history says nothing.
 */
export function ancestryFactsOnSql(dossierIdColumn: string, dateParam: string): string {
  return `(SELECT json_agg(json_build_object('kind', av.kind, 'delegatedAdmission', av.delegated_admission,
      'committeeSize', av.committee_size, 'youthUnionPresent', av.youth_union_present) ORDER BY array_position(v.ancestors, av.org_id))
    FROM dossier_holdings h
    JOIN organization_versions v ON v.org_id = h.org_id AND v.valid @> ${dateParam}::date
    JOIN organization_versions av ON av.org_id = ANY(v.ancestors) AND av.valid @> ${dateParam}::date
    WHERE h.dossier_id = ${dossierIdColumn} AND h.during @> ${dateParam}::date)`;
}

/**
 * The facts of a cell from its ancestry, root first: the nearest committee decides, with its size and members;
 * where admission is delegated, the grassroots organisation's committee is the deciding body.
 */
export function admissionFactsOf(chain: readonly AncestorFacts[]): OrgFacts {
  const grassroots = chain.find((org) => org.kind === 'grassroots');
  const committee = [...chain].reverse().find((org) => org.kind === 'committee');
  const delegatedAdmission = grassroots?.delegatedAdmission ?? false;
  const body = delegatedAdmission ? grassroots : committee;
  return {
    hasSection: chain.some((org) => org.kind === 'section'),
    delegatedAdmission,
    committeeSize: committee?.committeeSize ?? null,
    decidingBody: body ? { id: body.id, memberIds: body.committeeMemberIds ?? [] } : null,
    grassrootsCell: chain.at(-1)?.kind === 'grassrootsCell',
    youthUnionPresent: chain.at(-1)?.youthUnionPresent ?? true,
  };
}

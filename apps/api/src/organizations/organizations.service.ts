import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inScope, type AuthenticatedUser } from '@libs/auth';
import { OrganizationEntity, type OrganizationKind } from '@libs/persistence';
import type { OrgFacts } from '@workflows/admission';
import { ApiError, notFound } from '../errors/api-error';

export interface OrganizationNode {
  id: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  delegatedAdmission: boolean;
  committeeSize: number | null;
  children: OrganizationNode[];
}

/** Which kinds may sit under which: committee → grassroots → (section →) cell. */
const ALLOWED_PARENTS: Record<OrganizationKind, (OrganizationKind | null)[]> = {
  committee: [null, 'committee'],
  grassroots: ['committee'],
  section: ['grassroots'],
  cell: ['grassroots', 'section'],
};

export interface NewOrganization {
  name: string;
  kind: OrganizationKind;
  parentId?: string | null;
  delegatedAdmission?: boolean;
  committeeSize?: number | null;
}

@Injectable()
export class OrganizationsService {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(OrganizationEntity);
  }

  async create(input: NewOrganization): Promise<OrganizationEntity> {
    const parent = input.parentId ? await this.repository.findOneBy({ id: input.parentId }) : null;
    if (input.parentId && !parent) throw notFound('Không tìm thấy tổ chức cấp trên / parent organisation not found');
    if (!ALLOWED_PARENTS[input.kind].includes(parent?.kind ?? null))
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'INVALID_HIERARCHY',
        `Tổ chức loại ${input.kind} không thể trực thuộc ${parent?.kind ?? 'gốc'} / a ${input.kind} cannot sit under ${parent?.kind ?? 'the root'}`,
      );
    if (input.delegatedAdmission && input.kind !== 'grassroots')
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'INVALID_HIERARCHY',
        'Chỉ đảng bộ cơ sở được ủy quyền kết nạp / only a grassroots organisation can hold delegated admission',
      );
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(OrganizationEntity);
      const entity = repository.create({
        name: input.name,
        kind: input.kind,
        parentId: parent?.id ?? null,
        delegatedAdmission: input.delegatedAdmission ?? false,
        committeeSize: input.committeeSize ?? null,
        path: 'pending',
      });
      const saved = await repository.save(entity);
      saved.path = `${parent?.path ?? '/'}${saved.id}/`;
      return repository.save(saved);
    });
  }

  async findInScope(user: AuthenticatedUser, id: string): Promise<OrganizationEntity> {
    const organization = await this.repository.findOneBy({ id });
    if (!organization || !inScope(user, organization.path))
      throw notFound('Không tìm thấy tổ chức / organisation not found');
    return organization;
  }

  async findById(id: string): Promise<OrganizationEntity | null> {
    return this.repository.findOneBy({ id });
  }

  /** The caller's part of the tree: their scope organisation and everything under it. */
  async tree(user: AuthenticatedUser): Promise<OrganizationNode[]> {
    const rows = await this.repository
      .createQueryBuilder('o')
      .where(user.scopePath ? 'o.path LIKE :prefix' : '1 = 1', { prefix: `${user.scopePath}%` })
      .orderBy('o.path')
      .getMany();
    const nodes = new Map<string, OrganizationNode>();
    for (const row of rows)
      nodes.set(row.id, {
        id: row.id,
        name: row.name,
        kind: row.kind,
        parentId: row.parentId,
        delegatedAdmission: row.delegatedAdmission,
        committeeSize: row.committeeSize,
        children: [],
      });
    const roots: OrganizationNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  /** The organisations on the path from the root to `path`, root first. */
  async ancestry(path: string): Promise<OrganizationEntity[]> {
    const ids = path.split('/').filter(Boolean);
    const rows = await this.repository.createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
    return ids.map((id) => rows.find((row) => row.id === id)).filter((row): row is OrganizationEntity => !!row);
  }

  /** The organisational facts the admission workflow judges with, read at the time of each event. */
  async admissionFacts(cellPath: string): Promise<OrgFacts> {
    return admissionFactsOf(await this.ancestry(cellPath));
  }
}

export type AncestorFacts = Pick<OrganizationEntity, 'kind' | 'delegatedAdmission' | 'committeeSize'>;

/**
 * A subquery giving the ancestry of the org path in `pathColumn` (root first) as a JSON array of `AncestorFacts`,
 * so that a query reading a dossier can bring its organisations' facts along instead of a second round trip.
 */
export function ancestryFactsSql(pathColumn: string): string {
  return `coalesce((SELECT json_agg(json_build_object('kind', o.kind, 'delegatedAdmission', o.delegated_admission,
      'committeeSize', o.committee_size) ORDER BY length(o.path))
    FROM organizations o WHERE o.id = ANY(string_to_array(trim(BOTH '/' FROM ${pathColumn}), '/')::uuid[])), '[]')`;
}

/** The facts of a cell from its ancestry, root first: the nearest committee decides, with its size. */
export function admissionFactsOf(chain: readonly AncestorFacts[]): OrgFacts {
  const grassroots = chain.find((org) => org.kind === 'grassroots');
  const committee = [...chain].reverse().find((org) => org.kind === 'committee');
  return {
    hasSection: chain.some((org) => org.kind === 'section'),
    delegatedAdmission: grassroots?.delegatedAdmission ?? false,
    committeeSize: committee?.committeeSize ?? null,
  };
}

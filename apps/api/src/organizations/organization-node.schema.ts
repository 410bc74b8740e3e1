import { z } from 'zod';
import { ORGANIZATION_KINDS } from '@libs/persistence';

/** An organisation as the tree and the changes answer it (`OrganizationNode`). */
export const organizationNodeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    parentId: z.uuid().nullable(),
    delegatedAdmission: z.boolean(),
    committeeSize: z.int().nullable(),
    youthUnionPresent: z.boolean().nullable(),
    openedOn: z.string().nullable(),
    closedOn: z.string().nullable(),
    mergedInto: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({
      description: 'Hợp nhất vào tổ chức này từ closedOn; null: đang hoạt động hoặc đã giải thể / merged into',
    }),
    get children() {
      return z.array(organizationNodeSchema);
    },
  })
  .meta({ id: 'Organization', title: 'Tổ chức đảng / organisation' });

export const organizationTreeSchema = z
  .array(organizationNodeSchema)
  .meta({ id: 'OrganizationTree', title: 'Cây tổ chức / organisation tree' });

/** `OrganizationChange`, as `GET /api/organizations/:id/changes` lists them. */
export const organizationChangesSchema = z
  .array(
    z.object({
      id: z.int(),
      orgId: z.uuid(),
      relatedOrgId: z.uuid().nullable(),
      kind: z.enum(['update', 'merge', 'close']),
      effectiveFrom: z.string(),
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      actor: z.object({ id: z.uuid().nullable(), username: z.string() }),
      recordedAt: z.string(),
    }),
  )
  .meta({ id: 'OrganizationChanges', title: 'Các thay đổi của tổ chức / changes of an organisation' });

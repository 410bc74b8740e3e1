import { z } from 'zod';

const nullableDate = z.string().nullable();

/** The dossier as `toDossierView` builds it, with what the admission workflow adds (`votes`, `approvals`). */
export const dossierViewSchema = z
  .object({
    id: z.uuid(),
    workflow: z.object({ name: z.string(), version: z.int() }),
    state: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .meta({ description: 'Giá trị trạng thái (chuỗi, hoặc đối tượng với trạng thái song song)' }),
    stateLabel: z.string(),
    version: z.int(),
    cellId: z.uuid(),
    candidate: z.record(z.string(), z.unknown()).meta({ title: 'Người xin vào Đảng' }),
    dates: z.record(z.string(), nullableDate),
    deadlines: z.array(
      z.object({
        kind: z.string(),
        label: z.string(),
        dueOn: z.string(),
        status: z.string(),
        isStep: z.boolean(),
        closedOn: nullableDate,
        late: z.boolean().nullable(),
        workingDaysLeft: z.int().nullable(),
      }),
    ),
    allowedEvents: z.array(z.object({ type: z.string(), label: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
    votes: z.array(
      z.object({
        kind: z.enum(['cell', 'grassroots', 'recognitionCell', 'recognitionGrassroots']),
        occurredOn: z.string(),
        members: z.int(),
        inFavour: z.int(),
        against: z.int(),
        passed: z.boolean(),
      }),
    ),
    approvals: z
      .object({ inFavour: z.int(), objections: z.int(), required: z.int().nullable(), members: z.int().nullable() })
      .nullable(),
  })
  .meta({ id: 'Dossier', title: 'Hồ sơ / dossier' });

export const dossierListSchema = z
  .object({ items: z.array(dossierViewSchema), total: z.int() })
  .meta({ id: 'DossierList', title: 'Danh sách hồ sơ / dossiers' });

export const historySchema = z
  .array(
    z.object({
      seq: z.int(),
      type: z.string(),
      payload: z.record(z.string(), z.unknown()),
      actor: z.object({ id: z.uuid(), username: z.string() }),
      occurredOn: z.string(),
      recordedAt: z.string(),
      fromState: z.unknown(),
      toState: z.unknown(),
      policyVersion: z.string(),
      orgId: z.uuid().nullable(),
      voidedBySeq: z.int().nullable(),
    }),
  )
  .meta({ id: 'History', title: 'Lịch sử hồ sơ / dossier history' });

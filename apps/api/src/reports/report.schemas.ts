import { z } from 'zod';

const organization = z.object({ id: z.uuid(), name: z.string(), kind: z.string() });
const tree = z.enum(['historical', 'current']);

/** `VotesReport`, the JSON form of `GET /api/reports/votes`. */
export const votesReportSchema = z
  .object({
    organization,
    period: z.object({ from: z.string(), to: z.string() }),
    tree,
    votes: z.array(z.object({ kind: z.string(), label: z.string(), held: z.int(), passed: z.int(), failed: z.int() })),
  })
  .meta({ id: 'VotesReport', title: 'Báo cáo biểu quyết / votes report' });

const complianceItems = z.object({
  count: z.int(),
  items: z.array(
    z.object({
      dossierId: z.uuid(),
      fullName: z.string(),
      kind: z.string(),
      label: z.string(),
      dueOn: z.string(),
      closedOn: z.string().nullable(),
    }),
  ),
});

/** The JSON form of `GET /api/reports/compliance`. */
export const complianceReportSchema = z
  .object({
    organization,
    period: z.object({ from: z.string(), to: z.string() }),
    tree,
    asOf: z.string(),
    organizations: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        kind: z.string(),
        parentId: z.uuid().nullable(),
        completedLate: complianceItems,
        overdueNow: complianceItems,
      }),
    ),
  })
  .meta({ id: 'ComplianceReport', title: 'Báo cáo kiểm tra thời hạn / compliance report' });

const quota = z.object({ orgId: z.uuid(), year: z.int(), target: z.int() });
export const quotaSchema = quota.meta({ id: 'Quota', title: 'Chỉ tiêu kết nạp / admission target' });
export const quotasSchema = z
  .array(quota.extend({ name: z.string() }))
  .meta({ id: 'Quotas', title: 'Chỉ tiêu kết nạp / admission targets' });

import { z } from 'zod';

const share = z.object({ key: z.string(), label: z.string(), count: z.int(), share: z.number() });
const percent = z.number().nullable();

/** `AdmissionsReport`, the JSON form of `GET /api/reports/admissions`. */
export const admissionsReportSchema = z
  .object({
    organization: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
    period: z.object({ from: z.string(), to: z.string(), groupBy: z.enum(['year', 'halfYear']) }),
    tree: z.enum(['historical', 'current']),
    years: z.array(
      z.object({
        year: z.int(),
        half: z.union([z.literal(1), z.literal(2)]).optional(),
        target: z.int().nullable(),
        admitted: z.int(),
        percentOfTarget: percent,
      }),
    ),
    totals: z.object({ admitted: z.int(), target: z.int().nullable(), percentOfTarget: percent }),
    byEducation: z.array(share),
    byGeneralEducation: z.array(share),
    byGender: z.array(share),
    byEthnicity: z.array(share),
    byReligion: z.array(share),
    byAgeBand: z.array(share),
    byOccupation: z.array(share),
    byYouthUnion: z.array(share),
    grassroots: z.object({ total: z.int(), withAdmission: z.int(), share: percent }),
    probationOutcomes: z.object({ recognisedOnTime: z.int(), recognisedLate: z.int(), removed: z.int() }),
    classes: z.array(
      z.object({ kind: z.string(), label: z.string(), year: z.int(), classes: z.int(), participants: z.int() }),
    ),
  })
  .meta({ id: 'AdmissionsReport', title: 'Báo cáo kết nạp / admissions report' });

import { z } from 'zod';

const taskDossier = z.object({
  id: z.uuid(),
  fullName: z.string(),
  stateLabel: z.string(),
  cellId: z.uuid(),
  cellName: z.string(),
});

/** `TasksInbox`, as `GET /api/inbox/tasks` answers it. */
export const tasksInboxSchema = z
  .object({
    steps: z.array(
      z.object({
        dossier: taskDossier,
        events: z.array(z.object({ type: z.string(), label: z.string() })),
        dueOn: z.string().nullable(),
        workingDaysLeft: z.int().nullable(),
      }),
    ),
    stepsTotal: z.int(),
    deadlines: z.array(
      z.object({
        dossier: taskDossier,
        kind: z.string(),
        label: z.string(),
        dueOn: z.string(),
        workingDaysLeft: z.int(),
      }),
    ),
    withinWorkingDays: z.int(),
  })
  .meta({ id: 'TasksInbox', title: 'Việc cần làm / to-do list' });

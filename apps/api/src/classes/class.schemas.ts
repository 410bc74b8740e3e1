import { z } from 'zod';
import { CLASS_KINDS } from './classes.service';

const summary = z.object({
  id: z.uuid(),
  kind: z.enum(CLASS_KINDS),
  name: z.string(),
  organizerOrgId: z.uuid(),
  startsOn: z.string(),
  endsOn: z.string(),
  issuer: z.string(),
  closedOn: z.string().nullable(),
});

const outcome = {
  status: z.enum(['issued', 'recorded', 'refused']),
  state: z.unknown().optional(),
  version: z.int().optional(),
  httpStatus: z.int().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
};

const participant = {
  dossierId: z.uuid().nullable(),
  fullName: z.string(),
  certificateNo: z.string().nullable(),
};

/** `TrainingClassView`: a class with its participants. */
export const trainingClassSchema = summary
  .extend({
    participants: z.array(z.object({ id: z.uuid(), ...participant, outcome: z.object(outcome).nullable() })),
  })
  .meta({ id: 'TrainingClass', title: 'Lớp bồi dưỡng / training class' });

export const trainingClassesSchema = z
  .array(summary.extend({ participants: z.int() }))
  .meta({ id: 'TrainingClasses', title: 'Các lớp bồi dưỡng / training classes' });

/** `ClassClosing`: what closing the class did on each participant's dossier. */
export const classClosingSchema = z
  .object({
    id: z.uuid(),
    closedOn: z.string(),
    results: z.array(z.object({ participantId: z.uuid(), ...participant, ...outcome })),
  })
  .meta({ id: 'ClassClosing', title: 'Kết thúc lớp / class closing' });

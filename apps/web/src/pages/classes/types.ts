/** Training classes as the server answers them (types of its own source, erased at build time). */
export type {
  ClassClosing,
  ClassParticipant,
  TrainingClassSummary,
  TrainingClassView,
} from '@apps/api/classes/classes.service';
export type { ClassKind } from '@apps/api/classes/classes.service';

export const CLASS_KIND_LABELS = {
  awareness: 'Bồi dưỡng nhận thức về Đảng',
  newMember: 'Bồi dưỡng đảng viên mới',
  committeeStaff: 'Bồi dưỡng cấp ủy viên',
} as const;

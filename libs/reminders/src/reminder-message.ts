import { vietnameseDate } from '@workflows/common/local-date';
import type { ReminderKind } from './reminder-plan';

/** The Vietnamese text of a reminder, as the recipient reads it in the inbox. */
export function reminderMessage(kind: ReminderKind, label: string, dueOn: string, fullName: string): string {
  const due = vietnameseDate(dueOn);
  switch (kind) {
    case 'lead':
      return `Nhắc việc: ${label} — hạn ${due}. Hồ sơ của đồng chí ${fullName}.`;
    case 'due':
      return `Hôm nay (${due}) là hạn: ${label}. Hồ sơ của đồng chí ${fullName}.`;
    case 'overdue':
      return `Quá hạn: ${label} — hạn ${due} đã qua mà chưa thực hiện. Hồ sơ của đồng chí ${fullName}.`;
  }
}

import type { ReminderKind } from './reminder-plan';

const vietnameseDate = (date: string) => date.split('-').reverse().join('/');

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

/**
 * The same text as a template for PostgreSQL's `format()`: `%1$s` stands for the label, `%2$s` for the full name,
 * every other `%` doubled. The sender fills it with the deadline's label and the dossier's name as they are when it
 * sends, in the statement that reads them.
 */
export function reminderMessageTemplate(kind: ReminderKind, dueOn: string): string {
  const label = '\u0000label\u0000';
  const fullName = '\u0000fullName\u0000';
  return reminderMessage(kind, label, dueOn, fullName)
    .replaceAll('%', '%%')
    .replace(label, '%1$s')
    .replace(fullName, '%2$s');
}

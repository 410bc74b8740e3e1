import type { LocalDate } from '@workflows/common/local-date';

export const REMINDER_KINDS = ['lead', 'due', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderCalendar {
  addWorkingDays(from: LocalDate, n: number): LocalDate;
  subtractWorkingDays(from: LocalDate, n: number): LocalDate;
}

export interface DeadlineToRemind {
  id: string;
  dueOn: LocalDate;
  leadWorkingDays: number;
}

export interface PlannedReminder {
  kind: ReminderKind;
  fireOn: LocalDate;
  /** 07:00 in Vietnam (00:00 UTC) on `fireOn`: the start of the working day. */
  fireAt: Date;
  jobId: string;
}

/** BullMQ job ids may not contain ':'; the due date is part of the id so a moved deadline gets new jobs. */
export function reminderJobId(deadlineId: string, kind: ReminderKind, dueOn: LocalDate): string {
  return `reminder-${deadlineId}-${kind}-${dueOn}`;
}

/** The wake-up call of the reminders that fire on one day: one job for all of them, whatever their number. */
export function reminderDayJobId(fireOn: LocalDate): string {
  return `reminders-of-${fireOn}`;
}

/**
 * How close to its time a reminder gets a job of its own (delayed to its time) besides its day's call: the call may
 * have read its deadlines already, or a worker's clock run ahead of the API's that planned it. Its claim keeps the
 * second one from sending.
 */
export const OWN_JOB_WITHIN_MS = 10 * 60 * 1000;

/**
 * The job that sends a planned reminder: the day's wake-up call while its time is well ahead; near it or once it has
 * come (a backdated step, a reminder the reconciler found unsent), a job of its own.
 */
export function wakeUpJobId(plan: PlannedReminder, now: Date): string {
  return plan.fireAt.getTime() - now.getTime() > OWN_JOB_WITHIN_MS ? reminderDayJobId(plan.fireOn) : plan.jobId;
}

/**
 * The reminders of one deadline: ahead of it, on the day, and the escalation the next working day.
 * A reminder overtaken by a later one (a deadline entered after its due day, say) is not planned: the later one says more.
 */
export function planReminders(
  deadline: DeadlineToRemind,
  calendar: ReminderCalendar,
  today: LocalDate,
): PlannedReminder[] {
  const fireOn: Record<ReminderKind, LocalDate> = {
    lead: calendar.subtractWorkingDays(deadline.dueOn, deadline.leadWorkingDays),
    due: deadline.dueOn,
    overdue: calendar.addWorkingDays(deadline.dueOn, 1),
  };
  const kinds = REMINDER_KINDS.filter((kind, i) => {
    if (kind === 'lead' && deadline.leadWorkingDays === 0) return false;
    const next = REMINDER_KINDS[i + 1];
    return !next || today < fireOn[next];
  });
  return kinds.map((kind) => ({
    kind,
    fireOn: fireOn[kind],
    fireAt: new Date(`${fireOn[kind]}T00:00:00Z`),
    jobId: reminderJobId(deadline.id, kind, deadline.dueOn),
  }));
}

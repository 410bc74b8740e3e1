import type { DataSource } from 'typeorm';
import type { LocalDate } from '@workflows/common/local-date';
import type { ReminderJob } from './queues';
import { planReminders, type DeadlineToRemind, type ReminderCalendar, type ReminderKind } from './reminder-plan';

/** Deadlines read at once by a day's wake-up call; the next page is read while this one is sent. */
export const REMINDER_DAY_PAGE = 2_000;

/** The longest lead of an open deadline: how far ahead of the day a deadline whose lead reminder fires on it lies. */
const LONGEST_LEAD_SQL = `SELECT coalesce(max(lead_working_days), 0)::int AS lead FROM deadlines WHERE status = 'open'`;

/**
 * The open deadlines due between $1 and $2 (every deadline one of whose reminders may fire on the day: the partial
 * index on open deadlines' due dates finds them), after the id $3, with the kinds already sent for their due date.
 */
const PAGE_SQL = `SELECT d.id, d.due_on AS "dueOn", d.lead_working_days AS "leadWorkingDays",
    ARRAY(SELECT r.kind FROM deadline_reminders r WHERE r.deadline_id = d.id AND r.due_on = d.due_on) AS sent
  FROM deadlines d
  WHERE d.status = 'open' AND d.due_on BETWEEN $1 AND $2 AND d.id > $3
  ORDER BY d.id LIMIT $4`;

interface Candidate extends DeadlineToRemind {
  sent: ReminderKind[];
}

/**
 * The reminders that fire on `day` and were not sent yet, page by page in deadline order: those the plan of each
 * open deadline puts on that day (the calendar as it is now). A reminder the sender finds closed or moved by then
 * sends nothing; one sent twice is stopped by its claim.
 */
export async function* remindersFiringOn(
  dataSource: DataSource,
  calendar: ReminderCalendar,
  day: LocalDate,
  pageSize = REMINDER_DAY_PAGE,
): AsyncGenerator<ReminderJob[]> {
  const [{ lead }]: { lead: number }[] = await dataSource.query(LONGEST_LEAD_SQL);
  // The escalation fires the working day after the due date; the lead reminder `lead` working days before it.
  const window = [calendar.subtractWorkingDays(day, 1), calendar.addWorkingDays(day, lead + 1)];
  const read = (after: string): Promise<Candidate[]> => dataSource.query(PAGE_SQL, [...window, after, pageSize]);
  let page = await read('00000000-0000-0000-0000-000000000000');
  while (page.length) {
    const next = page.length < pageSize ? Promise.resolve([]) : read(page[page.length - 1].id);
    // Read ahead while this page is sent; a failure of the read is met when it is awaited.
    next.catch(() => undefined);
    yield page.flatMap((deadline) =>
      planReminders(deadline, calendar, day)
        .filter((plan) => plan.fireOn === day && !deadline.sent.includes(plan.kind))
        .map((plan) => ({ deadlineId: deadline.id, kind: plan.kind, dueOn: deadline.dueOn })),
    );
    page = await next;
  }
}

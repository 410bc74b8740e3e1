import type { DataSource } from 'typeorm';
import { addDays, type LocalDate } from '@workflows/common/local-date';
import type { ReminderJob } from './queues';
import { planReminders, type DeadlineToRemind, type ReminderCalendar, type ReminderKind } from './reminder-plan';

/** Deadlines read at once by a day's wake-up call; the next page is read while this one is sent. */
export const REMINDER_DAY_PAGE = 2_000;

/** The longest lead of an open deadline (the end of the index `deadlines_open_by_lead`). */
const LONGEST_LEAD_SQL = `SELECT coalesce(max(lead_working_days), 0)::int AS lead FROM deadlines WHERE status = 'open'`;

/**
 * The open deadlines after the id $6 that have a reminder on the day, with the kinds already sent for their due
 * date: those due from $1 to $2 (due that day, or overdue from it), and for each lead $3[i] those due from $4[i] to
 * $5[i] (their lead reminder falls on the day). Each part is a range of an index on open deadlines.
 */
const PAGE_SQL = `SELECT d.id, d.due_on AS "dueOn", d.lead_working_days AS "leadWorkingDays",
    ARRAY(SELECT r.kind FROM deadline_reminders r WHERE r.deadline_id = d.id AND r.due_on = d.due_on) AS sent
  FROM (
    SELECT id, due_on, lead_working_days FROM deadlines WHERE status = 'open' AND due_on BETWEEN $1 AND $2
    UNION ALL
    SELECT x.id, x.due_on, x.lead_working_days
    FROM unnest($3::int[], $4::date[], $5::date[]) AS w(lead, from_on, until_on)
    JOIN deadlines x ON x.status = 'open' AND x.lead_working_days = w.lead AND x.due_on BETWEEN w.from_on AND w.until_on
  ) d
  WHERE d.id > $6
  ORDER BY d.id LIMIT $7`;

interface Candidate extends DeadlineToRemind {
  sent: ReminderKind[];
}

/**
 * The due dates whose reminders may fall on `day` (a superset: the plan decides). The due reminder fires on the due
 * date, the overdue one on the working day after it: due dates from the working day before `day` to `day` (the days
 * off in between included). The lead reminder fires `lead` working days before: due dates after the (lead − 1)-th
 * working day from `day`, up to the lead-th (days off before it included).
 */
export function dueDatesFiringOn(
  calendar: ReminderCalendar,
  day: LocalDate,
  longestLead: number,
): { dueOrOverdue: [LocalDate, LocalDate]; leads: { lead: number; from: LocalDate; until: LocalDate }[] } {
  const leads = Array.from({ length: longestLead }, (_, i) => i + 1).map((lead) => ({
    lead,
    from: addDays(calendar.addWorkingDays(day, lead - 1), 1),
    until: calendar.addWorkingDays(day, lead),
  }));
  return { dueOrOverdue: [calendar.subtractWorkingDays(day, 1), day], leads };
}

/**
 * The reminders that fire on `day` and were not sent yet, page by page in deadline order: those the plan of each
 * open deadline puts on that day (the calendar as it is now), less those a later reminder has overtaken by `today`
 * (a call that runs late, after an outage, sends what is current). A reminder the sender finds closed or moved by
 * then sends nothing; one sent twice is stopped by its claim.
 */
export async function* remindersFiringOn(
  dataSource: DataSource,
  calendar: ReminderCalendar,
  day: LocalDate,
  today: LocalDate,
  pageSize = REMINDER_DAY_PAGE,
): AsyncGenerator<ReminderJob[]> {
  const [{ lead }]: { lead: number }[] = await dataSource.query(LONGEST_LEAD_SQL);
  const { dueOrOverdue, leads } = dueDatesFiringOn(calendar, day, lead);
  const read = (after: string): Promise<Candidate[]> =>
    dataSource.query(PAGE_SQL, [
      ...dueOrOverdue,
      leads.map((range) => range.lead),
      leads.map((range) => range.from),
      leads.map((range) => range.until),
      after,
      pageSize,
    ]);
  let page = await read('00000000-0000-0000-0000-000000000000');
  while (page.length) {
    const next = page.length < pageSize ? Promise.resolve([]) : read(page[page.length - 1].id);
    // Read ahead while this page is sent; a failure of the read is met when it is awaited.
    next.catch(() => undefined);
    yield page.flatMap((deadline) => {
      const current = new Set(planReminders(deadline, calendar, today).map((plan) => plan.kind));
      return planReminders(deadline, calendar, day)
        .filter((plan) => plan.fireOn === day && current.has(plan.kind) && !deadline.sent.includes(plan.kind))
        .map((plan) => ({ deadlineId: deadline.id, kind: plan.kind, dueOn: deadline.dueOn }));
    });
    page = await next;
  }
}

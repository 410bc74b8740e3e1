import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@libs/calendar';
import { openDatabase } from '@libs/persistence';
import { planReminders, remindersFiringOn, type DeadlineToRemind, type ReminderJob } from '@libs/reminders';
import { addDays, type LocalDate } from '@workflows/common/local-date';
import { dropDatabase, testDatabaseUrl } from './support/test-database';

const calendar = new WorkingDayCalendar();
const LEADS = [0, 1, 5, 20];

const daysFrom = (first: LocalDate, last: LocalDate): LocalDate[] => {
  const days: LocalDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
};
const keyOf = (reminder: ReminderJob) => `${reminder.deadlineId} ${reminder.kind} ${reminder.dueOn}`;

/**
 * What a day's wake-up call reads from PostgreSQL (`remindersFiringOn`) against the plan of every deadline computed
 * in memory: the same reminders, on every day around Tết 2026 (16–22 February off), for due dates on working days,
 * weekends and holidays and leads of 0 to 20 working days.
 */
describe("a day's reminders read from PostgreSQL", () => {
  const url = testDatabaseUrl('reminder_day');
  let db: DataSource;
  const open: DeadlineToRemind[] = [];

  beforeAll(async () => {
    db = await openDatabase(url, 4);
    const cell = randomUUID();
    await db.query(`INSERT INTO organizations (id, name, kind, path) VALUES ($1, 'Chi bộ Văn phòng', 'cell', $2)`, [
      cell,
      `/${cell}/`,
    ]);
    const deadlines = daysFrom('2026-01-20', '2026-03-20').flatMap((dueOn) =>
      LEADS.map((leadWorkingDays) => ({ dueOn, leadWorkingDays })),
    );
    // One more, closed, due on a day with reminders: never read.
    const rows: { id: string; status: string; dueOn: LocalDate; leadWorkingDays: number }[] = await db.query(
      `WITH g AS (SELECT * FROM unnest($4::date[], $5::int[]) WITH ORDINALITY AS g(due_on, lead, n)),
       d AS (
         INSERT INTO dossiers (workflow_name, workflow_version, cell_id, org_path, state, state_value, snapshot, version,
           candidate, full_name)
         SELECT 'admission', 1, $1, $2, 'awaitingCeremony', '"awaitingCeremony"', '{}', 1, '{}', 'Nguyễn Văn ' || g.n
         FROM g RETURNING id, full_name)
       INSERT INTO deadlines (dossier_id, kind, label, audience, anchor_on, due_on, lead_working_days, is_step, status)
       SELECT d.id, 'ceremony', 'Tổ chức lễ kết nạp', 'cell', '2026-01-01', g.due_on, g.lead,
         true, CASE WHEN g.n = $3 THEN 'done' ELSE 'open' END
       FROM g JOIN d ON d.full_name = 'Nguyễn Văn ' || g.n
       RETURNING id, status, due_on AS "dueOn", lead_working_days AS "leadWorkingDays"`,
      [
        cell,
        `/${cell}/`,
        deadlines.length + 1,
        [...deadlines.map((d) => d.dueOn), '2026-02-10'],
        [...deadlines.map((d) => d.leadWorkingDays), 5],
      ],
    );
    open.push(...rows.filter((row) => row.status === 'open'));
    expect(open).toHaveLength(deadlines.length);
  });
  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(url);
  });

  const read = async (day: LocalDate, today: LocalDate, pageSize?: number) => {
    const found: ReminderJob[] = [];
    for await (const page of remindersFiringOn(db, calendar, day, today, pageSize)) found.push(...page);
    return found.map(keyOf).sort();
  };
  /** The plan in memory: the reminders each open deadline puts on `day`, less those overtaken by `today`. */
  const planned = (day: LocalDate, today: LocalDate) =>
    open
      .flatMap((deadline) => {
        const current = planReminders(deadline, calendar, today).map((plan) => plan.kind);
        return planReminders(deadline, calendar, day)
          .filter((plan) => plan.fireOn === day && current.includes(plan.kind))
          .map((plan) => keyOf({ deadlineId: deadline.id, kind: plan.kind, dueOn: deadline.dueOn }));
      })
      .sort();

  it('reads, day after day, exactly the reminders the plan puts on each day', async () => {
    let reminders = 0;
    for (const day of daysFrom('2025-12-20', '2026-03-31')) {
      const expected = planned(day, day);
      expect({ day, found: await read(day, day) }).toEqual({ day, found: expected });
      reminders += expected.length;
    }
    // Every open deadline's due reminder and overdue reminder, and the lead reminder of those with a lead.
    expect(reminders).toBe(open.length * 2 + open.filter((deadline) => deadline.leadWorkingDays > 0).length);
  });

  it('pages through a busy day in deadline order without losing or repeating one', async () => {
    const day = '2026-02-23'; // The first working day after Tết: the overdue reminders of the whole holiday.
    const all = await read(day, day);
    expect(all.length).toBeGreaterThan(20);
    expect(await read(day, day, 7)).toEqual(all);
  });

  it('a call that runs late sends what is still current, and nothing already sent', async () => {
    // Woken on 11 February for 10 February: what was due on the 10th is overdue now, and says so.
    expect(await read('2026-02-10', '2026-02-11')).toEqual(planned('2026-02-10', '2026-02-11'));
    expect((await read('2026-02-10', '2026-02-11')).length).toBeLessThan(
      (await read('2026-02-10', '2026-02-10')).length,
    );

    const [first] = await read('2026-02-11', '2026-02-11');
    const [deadlineId, kind, dueOn] = first.split(' ');
    await db.query(
      `INSERT INTO deadline_reminders (deadline_id, kind, due_on, recipients, sent_at) VALUES ($1, $2, $3, 1, now())`,
      [deadlineId, kind, dueOn],
    );
    expect(await read('2026-02-11', '2026-02-11')).not.toContain(first);
  });
});

import { WorkingDayCalendar } from '@libs/calendar';
import { planReminders } from './reminder-plan';

describe('planReminders', () => {
  const calendar = new WorkingDayCalendar();
  const deadline = { id: 'd1', dueOn: '2026-09-10', leadWorkingDays: 5 };

  it('plans the lead-time reminder 5 working days ahead, the due day and the next working day', () => {
    // 5 working days before Thursday 10/9/2026: 9, 8, 7, 4 (1/9–2/9 and 31/8 are off), 3 → Thursday 3/9.
    const plan = planReminders(deadline, calendar, '2026-08-01');
    expect(plan.map((p) => [p.kind, p.fireOn])).toEqual([
      ['lead', '2026-09-03'],
      ['due', '2026-09-10'],
      ['overdue', '2026-09-11'],
    ]);
    expect(plan[0].fireAt.toISOString()).toBe('2026-09-03T00:00:00.000Z');
    expect(plan[0].jobId).toBe('reminder-d1-lead-2026-09-10');
    expect(plan.every((p) => !p.jobId.includes(':'))).toBe(true);
  });

  it('drops the reminders that a later one has overtaken', () => {
    expect(planReminders(deadline, calendar, '2026-09-10').map((p) => p.kind)).toEqual(['due', 'overdue']);
    expect(planReminders(deadline, calendar, '2026-09-09').map((p) => p.kind)).toEqual(['lead', 'due', 'overdue']);
    expect(planReminders(deadline, calendar, '2026-12-01').map((p) => p.kind)).toEqual(['overdue']);
  });

  it('plans no lead-time reminder when the lead is zero', () => {
    const plan = planReminders({ ...deadline, leadWorkingDays: 0 }, calendar, '2026-08-01');
    expect(plan.map((p) => p.kind)).toEqual(['due', 'overdue']);
  });
});

import { WorkingDayCalendar } from '@libs/calendar';
import { wakeUpJobs } from './wake-up-jobs';

describe('wakeUpJobs', () => {
  const calendar = new WorkingDayCalendar();
  // Due Thursday 10/9/2026: lead reminder Thursday 3/9, overdue Friday 11/9 (reminder-plan.spec.ts).
  const first = { id: 'd1', dueOn: '2026-09-10', leadWorkingDays: 5 };
  const second = { id: 'd2', dueOn: '2026-09-10', leadWorkingDays: 5 };
  const summary = (jobs: ReturnType<typeof wakeUpJobs>) =>
    jobs.map((job) => [job.opts.jobId, job.data, job.opts.delay]);

  it('wakes the reminders of a day ahead with one job for the day, whatever their number', () => {
    const now = new Date('2026-09-01T03:00:00Z');
    expect(summary(wakeUpJobs([first, second], calendar, '2026-09-01', now))).toEqual([
      ['reminders-of-2026-09-03', { fireOn: '2026-09-03' }, 2 * 86_400_000 - 3 * 3_600_000],
      ['reminders-of-2026-09-10', { fireOn: '2026-09-10' }, 9 * 86_400_000 - 3 * 3_600_000],
      ['reminders-of-2026-09-11', { fireOn: '2026-09-11' }, 10 * 86_400_000 - 3 * 3_600_000],
    ]);
  });

  it('gives a reminder whose time has come a job of its own, due at once, with the request behind it', () => {
    // 09:00 in Vietnam on the due day: the due reminder's 07:00 has passed, the overdue one is tomorrow's.
    const now = new Date('2026-09-10T02:00:00Z');
    expect(summary(wakeUpJobs([first], calendar, '2026-09-10', now, undefined, 'req-1'))).toEqual([
      ['reminder-d1-due-2026-09-10', { deadlineId: 'd1', kind: 'due', dueOn: '2026-09-10', requestId: 'req-1' }, 0],
      ['reminders-of-2026-09-11', { fireOn: '2026-09-11' }, 22 * 3_600_000],
    ]);
  });

  it('adds nothing for the reminders it is told to skip', () => {
    const now = new Date('2026-09-10T02:00:00Z');
    const jobs = wakeUpJobs([first], calendar, '2026-09-10', now, (plan) => plan.kind === 'due');
    expect(jobs.map((job) => job.opts.jobId)).toEqual(['reminders-of-2026-09-11']);
  });
});

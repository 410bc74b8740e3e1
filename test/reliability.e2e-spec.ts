import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createWorker } from '@apps/worker/worker.factory';
import { WorkingDayCalendar } from '@libs/calendar';
import { planReminders } from '@libs/reminders';
import { addDays } from '@workflows/common/local-date';
import { drivePath, LoadTally } from './support/load';
import { pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';
import { eventually } from './support/waiting';

const CLIENTS = 16;
const calendar = new WorkingDayCalendar();

describe('16 clients recording backdated paths while two workers send the reminders', () => {
  let t: TestApp;
  let tokens: ActorTokens;
  let db: DataSource;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    t = await startTestApp('reliability');
    tokens = await pathActors(t);
    db = t.app.get(DataSource);
    workers.push(await createWorker(t.config), await createWorker(t.config));
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await t.close();
  });

  it('answers no 5xx, stores every acknowledged event once and sends each reminder once', async () => {
    const tally = new LoadTally();
    // Every path ends five months ago: each deadline it opens is overdue, and its reminders fire at once, on the
    // dossiers the clients are writing. Half stop at the decision, so their ceremony stays open and overdue.
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        drivePath(t, tokens, tally, {
          lastType: i % 2 ? 'ISSUE_DECISION' : 'FILE_MEMBER_HISTORY',
          lastOn: addDays(TEST_TODAY, -150 - i),
          fullName: `Người Thứ ${i + 1}`,
        }),
      ),
    );
    const { lost, duplicated } = await tally.audit(db);

    // Every reminder the plan says is due by today, of every deadline still open, is sent: once.
    const open: { id: string; dueOn: string; leadWorkingDays: number }[] = await db.query(
      `SELECT id, due_on AS "dueOn", lead_working_days AS "leadWorkingDays" FROM deadlines WHERE status = 'open'`,
    );
    const due = open.flatMap((deadline) =>
      planReminders(deadline, calendar, TEST_TODAY)
        .filter((plan) => plan.fireOn <= TEST_TODAY)
        .map((plan) => `${deadline.id}/${plan.kind}`),
    );
    const sent = await eventually(async () => {
      const rows: { key: string }[] = await db.query(
        `SELECT deadline_id || '/' || kind AS key FROM deadline_reminders WHERE deadline_id = ANY($1)`,
        [open.map((deadline) => deadline.id)],
      );
      const keys = new Set(rows.map((row) => row.key));
      return due.every((key) => keys.has(key)) && keys;
    }, 60_000);
    const [{ copies }] = await db.query(
      `SELECT count(*)::int AS copies FROM (SELECT 1 FROM notifications GROUP BY deadline_id, kind, user_id
       HAVING count(*) > 1) c`,
    );
    const [{ notifications }] = await db.query('SELECT count(*)::int AS notifications FROM notifications');
    console.log(
      'Reliability, 16 clients and two workers:',
      JSON.stringify(tally.figures({ lost, duplicated, remindersDue: due.length, notifications, copies })),
    );

    expect(tally.serverErrors).toEqual([]);
    // Not even a conflict: a deadlock is retried inside the server, never answered.
    expect(tally.acknowledged).toBe(tally.requests);
    expect(tally.unavailable).toBe(0);
    expect(tally.versions.size).toBe(CLIENTS);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(due.length).toBeGreaterThan(0);
    expect(sent.size).toBeGreaterThanOrEqual(due.length);
    expect(copies).toBe(0);
    // Each dossier's version is its number of events: nothing half-stored.
    const [{ mismatched }] = await db.query(
      `SELECT count(*)::int AS mismatched FROM dossiers d
       WHERE d.version <> (SELECT count(*) FROM dossier_events e WHERE e.dossier_id = d.id)`,
    );
    expect(mismatched).toBe(0);
  }, 240_000);
});

import { OfficeCalendar } from '@libs/calendar';
import { DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import { bearer, createDossier } from './support/dossier-helpers';
import { driveTo, pathActors, type ActorTokens } from './support/path-driver';
import { TEST_TODAY } from './support/test-clock';
import { startTestApp, type TestApp } from './support/test-app';

interface Task {
  dossier: { id: string; fullName: string; stateLabel: string; cellName: string };
  events?: { type: string; label: string }[];
  kind?: string;
  dueOn: string | null;
  workingDaysLeft: number | null;
}

describe('GET /api/inbox/tasks: what waits for each person, with working days left', () => {
  let t: TestApp;
  let tokens: ActorTokens;
  let fresh: { id: string };
  let verifying: { id: string; deadlines: { kind: string; dueOn: string; workingDaysLeft: number | null }[] };
  let foreign: { id: string };

  const tasksOf = async (token: string, query = '') => {
    const response = await t.http().get(`/api/inbox/tasks${query}`).set('Authorization', bearer(token)).expect(200);
    return response.body as { steps: Task[]; stepsTotal: number; deadlines: Task[]; withinWorkingDays: number };
  };

  beforeAll(async () => {
    t = await startTestApp('tasks-inbox');
    tokens = await pathActors(t);
    await t.createUser('bithu-xa', ['cellSecretary'], t.tree.foreignCell);
    fresh = await createDossier(t, tokens.cell, {
      candidate: { ...DEMO_CANDIDATE, fullName: 'Nguyễn Văn Mới' },
    });
    // Verification started in September: the answer was due weeks ago, the grassroots officer is late.
    verifying = await driveTo(t, tokens, 'START_VERIFICATION', '2026-09-01', 'Trần Thị Thẩm');
    foreign = await createDossier(t, await t.token('bithu-xa'), { cellId: t.tree.foreignCell });
  });
  afterAll(() => t?.close());

  it('lists for the cell secretary the dossier whose next step is the cell’s, with the steps by their Vietnamese label', async () => {
    const { steps, stepsTotal } = await tasksOf(tokens.cell);
    const step = steps.find((task) => task.dossier.id === fresh.id);
    expect(step).toMatchObject({
      dossier: { fullName: 'Nguyễn Văn Mới', cellName: 'Chi bộ Văn phòng Sở' },
      dueOn: null,
      workingDaysLeft: null,
    });
    expect(step!.events!.map((event) => event.type)).toContain('RECORD_AWARENESS_CERTIFICATE');
    expect(step!.events!.map((event) => event.type)).not.toContain('AMEND_CANDIDATE');
    // During verification the cell gathers the introductions in parallel: its steps, not the verification.
    const parallel = steps.find((task) => task.dossier.id === verifying.id)!;
    expect(parallel.events!.map((event) => event.type)).toContain('ADD_INTRODUCER');
    expect(parallel.events!.map((event) => event.type)).not.toContain('RECORD_VERIFICATION_ANSWER');
    expect(steps.map((task) => task.dossier.id)).not.toContain(foreign.id);
    expect(stepsTotal).toBe(steps.length);
  });

  it('gives the verification to the grassroots officer, overdue in working days, and the cell steps to nobody else', async () => {
    const { steps, deadlines, withinWorkingDays } = await tasksOf(tokens.grassroots);
    expect(withinWorkingDays).toBe(5);
    expect(steps.map((task) => task.dossier.id)).toEqual([verifying.id]);
    expect(steps[0].events!.map((event) => event.type)).toContain('RECORD_VERIFICATION_ANSWER');

    const due = verifying.deadlines.find((deadline) => deadline.kind === 'verificationAnswer')!;
    const expected = t.app.get(OfficeCalendar).calendar.workingDaysBetween(TEST_TODAY, due.dueOn);
    expect(expected).toBeLessThan(0);
    expect(steps[0]).toMatchObject({ dueOn: due.dueOn, workingDaysLeft: expected });
    expect(deadlines).toEqual([
      expect.objectContaining({ kind: 'verificationAnswer', dueOn: due.dueOn, workingDaysLeft: expected }),
    ]);
  });

  it('shows the overdue verification to the level above (the specialist), not to the secretary below', async () => {
    expect((await tasksOf(tokens.specialist)).deadlines.map((task) => task.dossier.id)).toEqual([verifying.id]);
    expect((await tasksOf(tokens.specialist)).steps).toEqual([]);
    expect((await tasksOf(tokens.cell)).deadlines).toEqual([]);
    expect(await tasksOf(tokens.member1)).toMatchObject({ steps: [], deadlines: [expect.anything()] });
  });

  it('the dossier view gives each open deadline its working days left', async () => {
    const view = await t
      .http()
      .get(`/api/dossiers/${verifying.id}`)
      .set('Authorization', bearer(tokens.cell))
      .expect(200);
    const deadline = view.body.deadlines.find((item: { kind: string }) => item.kind === 'verificationAnswer');
    expect(deadline.workingDaysLeft).toBe(
      t.app.get(OfficeCalendar).calendar.workingDaysBetween(TEST_TODAY, deadline.dueOn),
    );
  });

  it('refuses a horizon that is not a number of working days', async () => {
    const response = await t
      .http()
      .get('/api/inbox/tasks?withinWorkingDays=soon')
      .set('Authorization', bearer(tokens.cell));
    expect(response.status).toBe(400);
    await t.http().get('/api/inbox/tasks').expect(401);
  });
});

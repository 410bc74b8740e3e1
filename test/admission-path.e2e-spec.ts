import { addMonths } from '@workflows/common/local-date';
import { admissionPath, DEMO_CANDIDATE, type StepActor } from '@apps/api/seed/admission-path';
import { nextNationalId } from './support/national-ids';
import { pathActors } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';

describe('the whole path from candidate to official member, through HTTP', () => {
  let t: TestApp;
  const actors = {} as Record<StepActor, string>;

  beforeAll(async () => {
    t = await startTestApp('path');
    Object.assign(actors, await pathActors(t));
  });
  afterAll(() => t.close());

  it('admits, recognises and derives the dates, with every step in the history', async () => {
    const start = '2024-06-03';
    const created = await t
      .http()
      .post('/api/dossiers')
      .set('Authorization', `Bearer ${actors.cell}`)
      .send({ cellId: t.tree.cell, candidate: { ...DEMO_CANDIDATE, nationalId: nextNationalId() }, occurredOn: start })
      .expect(201);
    expect(created.body).toMatchObject({
      state: 'candidate',
      version: 1,
      cellId: t.tree.cell,
      workflow: { name: 'admission', version: 2 },
    });
    expect(created.body.stateLabel).toBe('Quần chúng ưu tú (danh sách cảm tình Đảng)');
    expect(created.body.allowedEvents.map((e: { type: string }) => e.type)).toContain('SUBMIT_APPLICATION');

    const steps = admissionPath(start);
    let version = 1;
    for (const step of steps) {
      const response = await t
        .http()
        .post(`/api/dossiers/${created.body.id}/events`)
        .set('Authorization', `Bearer ${actors[step.actor]}`)
        .set('If-Match', String(version))
        .send(step.event);
      if (response.status !== 200)
        throw new Error(`${step.event.type}: ${response.status} ${JSON.stringify(response.body)}`);
      const state = response.body.state;
      expect([step.event.type, typeof state === 'string' ? state : Object.keys(state)[0]]).toEqual([
        step.event.type,
        step.state,
      ]);
      version = response.body.version;
    }

    const final = await t
      .http()
      .get(`/api/dossiers/${created.body.id}`)
      .set('Authorization', `Bearer ${actors.specialist}`)
      .expect(200);
    const ceremony = steps.find((s) => s.event.type === 'HOLD_CEREMONY')!.event.occurredOn;
    const decision = steps.find((s) => s.event.type === 'ISSUE_DECISION')!.event.occurredOn;
    expect(final.body.state).toBe('officialMember');
    expect(final.body.stateLabel).toBe('Đảng viên chính thức');
    expect(final.body.version).toBe(steps.length + 1);
    // A closed dossier takes corrections only: its candidate's details, or voiding the step that closed it.
    expect(final.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual([
      'AMEND_CANDIDATE',
      'VOID_LAST_EVENT',
    ]);
    expect(final.body.votes.map((v: { kind: string; passed: boolean }) => [v.kind, v.passed])).toEqual([
      ['cell', true],
      ['grassroots', true],
      ['recognitionCell', true],
      ['recognitionGrassroots', true],
    ]);
    expect(final.body.approvals).toBeNull();
    expect(final.body.dates).toMatchObject({
      admittedOn: ceremony,
      partyAgeFrom: decision,
      probationEndsOn: addMonths(ceremony, 12),
      // Recognised weeks after the 12 months ended, official from their end all the same.
      officialFrom: addMonths(ceremony, 12),
    });
    expect(final.body.deadlines.every((d: { status: string }) => d.status !== 'open')).toBe(true);
    expect(final.body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(
      expect.arrayContaining([
        'admissionDecision',
        'ceremony',
        'memberHistory',
        'recognitionReview',
        'recognitionDecision',
      ]),
    );

    const history = await t
      .http()
      .get(`/api/dossiers/${created.body.id}/history`)
      .set('Authorization', `Bearer ${actors.cell}`)
      .expect(200);
    expect(history.body).toHaveLength(steps.length + 1);
    expect(history.body.map((e: { seq: number }) => e.seq)).toEqual(
      Array.from({ length: steps.length + 1 }, (_, i) => i + 1),
    );
    expect(history.body[0]).toMatchObject({
      type: 'CREATE_DOSSIER',
      occurredOn: start,
      fromState: null,
      toState: 'candidate',
    });
    const issued = history.body.find((e: { type: string }) => e.type === 'ISSUE_DECISION');
    expect(issued).toMatchObject({
      payload: { decisionNo: '123-QĐ/TU' },
      actor: { username: 'chuyenvien' },
      occurredOn: decision,
      fromState: 'committeeDecision',
      toState: 'awaitingCeremony',
      policyVersion: '2021-24-QD-TW',
    });
    expect(new Date(issued.recordedAt).toISOString()).toBe(issued.recordedAt);
    expect(history.body.find((e: { type: string }) => e.type === 'RECORD_CELL_VOTE').payload).toMatchObject({
      inFavour: 8,
      passed: true,
    });
    expect(history.body.every((e: { voidedBySeq: unknown }) => e.voidedBySeq === null)).toBe(true);
    const recognised = history.body.at(-1);
    expect(recognised).toMatchObject({
      type: 'ISSUE_RECOGNITION',
      toState: 'officialMember',
      policyVersion: '2025-294-QD-TW',
    });
  });
});

import { startTestApp, type TestApp } from './support/test-app';

describe('workflow definitions and policies over HTTP', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp('definitions');
    await t.createUser('kiemtra', ['inspector'], t.tree.committee);
    token = await t.token('kiemtra');
  });
  afterAll(() => t.close());

  it('lists the workflows with their states and events', async () => {
    const { body } = await t.http().get('/api/workflows').set('Authorization', `Bearer ${token}`).expect(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ name: 'admission', version: 2 });
    expect(body[0].states).toEqual(
      expect.arrayContaining(['candidate', 'assembly', 'probation', 'officialMember', 'withdrawn']),
    );
    expect(body[0].events).toContain('RECORD_CELL_VOTE');
  });

  it('describes each state with its Vietnamese label and events, and each event with roles and JSON Schema', async () => {
    const { body } = await t.http().get('/api/workflows/admission').set('Authorization', `Bearer ${token}`).expect(200);
    const cellReview = body.states.find((s: { name: string }) => s.name === 'cellReview');
    expect(cellReview.label).toBe('Chờ chi bộ xét kết nạp');
    expect(cellReview.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['RECORD_CELL_VOTE', 'WITHDRAW']),
    );
    const vote = body.events.find((e: { type: string }) => e.type === 'RECORD_CELL_VOTE');
    expect(vote.roles).toEqual(['cellSecretary', 'grassrootsOfficer', 'specialist']);
    expect(vote.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'occurredOn', 'officialMembers', 'inFavour', 'against']),
      properties: { occurredOn: { type: 'string', format: 'date' }, officialMembers: { type: 'integer' } },
    });
    const approve = body.events.find((e: { type: string }) => e.type === 'APPROVE_DECISION');
    expect(approve.roles).toEqual(['committeeMember']);
    expect(body.states.find((s: { name: string }) => s.name === 'officialMember')).toMatchObject({
      final: true,
      events: [],
    });
    await t.http().get('/api/workflows/unknown').set('Authorization', `Bearer ${token}`).expect(404);
  });

  it('shows the policy versions with citations and confidence marks', async () => {
    const { body } = await t.http().get('/api/policies').set('Authorization', `Bearer ${token}`).expect(200);
    expect(body.map((p: { effectiveFrom: string }) => p.effectiveFrom)).toEqual([
      '2016-07-25',
      '2021-07-30',
      '2025-01-20',
      '2025-07-01',
    ]);
    expect(body[3].parameters.admissionDecisionWorkingDays).toEqual({
      value: 60,
      citation: '294-QĐ/TW (2025) §4.3.1',
      confidence: 'quiz',
    });
    expect(body[3].parameters.verificationAnswerWorkingDays.confidence).toBe('unconfirmed');
  });
});

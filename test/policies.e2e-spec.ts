import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@libs/calendar';
import { PinnedClock } from '@libs/clock';
import { DossierEngine, WorkflowRegistry, type DossierRecord } from '@libs/engine';
import { OrganizationsService } from '../apps/api/src/organizations/organizations.service';
import { addDays } from '@workflows/common/local-date';
import { advance, bearer, createDossier, expectStatus, stepsBefore } from './support/dossier-helpers';
import { pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';

const calendar = new WorkingDayCalendar();
const today = TEST_TODAY;
const nextMonth = `${addDays(`${today.slice(0, 8)}01`, 32).slice(0, 8)}01`;

interface Policy {
  version: string;
  effectiveFrom: string;
  parameters: Record<string, { value: unknown; citation: string; confidence: string }>;
  citation: string;
  note: string;
  createdBy: string;
  createdAt: string;
  baseVersion: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
}

describe('policy versions published by an administrator', () => {
  let t: TestApp;
  let tokens: ActorTokens;
  let admin: string;

  const list = async (token = admin) =>
    expectStatus(await t.http().get('/api/policies').set('Authorization', bearer(token)), 200).body as Policy[];
  const publish = (body: object, token = admin) =>
    t.http().post('/api/policies').set('Authorization', bearer(token)).send(body);
  const history = async (id: string) =>
    expectStatus(await t.http().get(`/api/dossiers/${id}/history`).set('Authorization', bearer(tokens.specialist)), 200)
      .body as { type: string; policyVersion: string }[];
  /** A dossier whose next step is the admission decision, the committee having approved it. */
  const awaitingDecision = async () => {
    const created = await createDossier(t, tokens.cell);
    return advance(t, tokens, created.id, stepsBefore('ISSUE_DECISION'));
  };
  const ceremonyDue = (dossier: { deadlines: { kind: string; dueOn: string }[] }) =>
    dossier.deadlines.find((deadline) => deadline.kind === 'ceremony')!.dueOn;

  beforeAll(async () => {
    t = await startTestApp('policies');
    tokens = await pathActors(t);
    admin = await t.token('admin');
  });
  afterAll(() => t.close());

  it('lists the built-in versions, seeded in the database, to every role', async () => {
    for (const token of [tokens.cell, tokens.member1, admin]) {
      const policies = await list(token);
      expect(policies.map((p) => p.version)).toEqual([
        '2016-29-QD-TW',
        '2021-24-QD-TW',
        '2025-232-QD-TW',
        '2025-294-QD-TW',
      ]);
      expect(policies[3]).toMatchObject({
        effectiveFrom: '2025-07-01',
        citation: expect.stringContaining('294-QĐ/TW'),
        note: '',
        createdBy: 'hệ thống',
        createdAt: expect.any(String),
      });
    }
  });

  it('is published by an administrator only, with known parameters of the right kind', async () => {
    const body = { effectiveFrom: nextMonth, parameters: { ceremonyWorkingDays: 45 }, citation: 'Quy định mới' };
    expect((await publish(body, tokens.specialist)).status).toBe(403);
    const unknown = await publish({ ...body, parameters: { ceremonyDays: 45 } });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'INVALID_REQUEST']);
    const wrongKind = await publish({ ...body, parameters: { cellVoteFraction: [3, 2] } });
    expect(wrongKind.status).toBe(400);
    const nothing = await publish({ ...body, parameters: {} });
    expect(nothing.status).toBe(400);
    expect(await list()).toHaveLength(4);
  });

  it('refuses a past effective date unless it only corrects parameters marked unconfirmed', async () => {
    const recorded = await awaitingDecision();
    const before = await history(recorded.id);
    const retro = await publish({
      effectiveFrom: addDays(today, -10),
      parameters: { ceremonyWorkingDays: 45 },
      citation: 'Quy định mới',
    });
    expect([retro.status, retro.body.code, retro.body.rule]).toEqual([422, 'RULE_VIOLATION', 'policy.retroactive']);
    expect(retro.body.citation).toEqual(expect.any(String));
    expect(await list()).toHaveLength(4);

    const correction = expectStatus(
      await publish({
        effectiveFrom: addDays(today, -10),
        parameters: { verificationAnswerWorkingDays: { value: 20, confidence: 'unconfirmed' } },
        citation: 'Đính chính cấu hình thời hạn trả lời thẩm tra',
        note: 'Ban Tổ chức đề nghị rút ngắn',
      }),
      201,
    ).body as Policy;
    expect(correction).toMatchObject({
      version: `${addDays(today, -10)}-1`,
      baseVersion: '2025-294-QD-TW',
      changes: { verificationAnswerWorkingDays: { from: 30, to: 20 } },
      createdBy: 'admin',
      note: 'Ban Tổ chức đề nghị rút ngắn',
    });
    expect(correction.parameters.ceremonyWorkingDays.value).toBe(30);
    // The whole set sent back with one unconfirmed value changed is that one correction, and nothing more.
    const whole = { ...correction.parameters, maxAgeMonths: { ...correction.parameters.maxAgeMonths, value: 731 } };
    const again = expectStatus(
      await publish({ effectiveFrom: addDays(today, -10), parameters: whole, citation: 'Đính chính tuổi tối đa' }),
      201,
    ).body as Policy;
    expect(again).toMatchObject({
      version: `${addDays(today, -10)}-2`,
      baseVersion: `${addDays(today, -10)}-1`,
      changes: { maxAgeMonths: { from: 720, to: 731 } },
    });
    expect(Object.keys(again.changes)).toEqual(['maxAgeMonths']);
    // Nothing already recorded is judged again.
    expect(await history(recorded.id)).toEqual(before);
  });

  describe('a version published for next month', () => {
    let published: Policy;
    beforeAll(async () => {
      published = expectStatus(
        await publish({
          effectiveFrom: nextMonth,
          parameters: { ceremonyWorkingDays: { value: 45, citation: 'Quy định giả định §4.1', confidence: 'quoted' } },
          citation: 'Quy định giả định (thử nghiệm)',
        }),
        201,
      ).body;
    });

    it('is audited and readable by every role', async () => {
      const read = expectStatus(
        await t.http().get(`/api/policies/${published.version}`).set('Authorization', bearer(tokens.cell)),
        200,
      ).body;
      expect(read).toMatchObject({
        effectiveFrom: nextMonth,
        createdBy: 'admin',
        baseVersion: `${addDays(today, -10)}-2`,
        changes: { ceremonyWorkingDays: { from: 30, to: 45 } },
        parameters: { ceremonyWorkingDays: { value: 45, citation: 'Quy định giả định §4.1', confidence: 'quoted' } },
      });
      expect((await list()).map((p) => p.version).slice(-2)).toEqual([`${addDays(today, -10)}-2`, published.version]);
    });

    it('changes nothing today', async () => {
      const dossier = await awaitingDecision();
      const decided = expectStatus(
        await t
          .http()
          .post(`/api/dossiers/${dossier.id}/events`)
          .set('Authorization', bearer(tokens.specialist))
          .send({ type: 'ISSUE_DECISION', occurredOn: today, decisionNo: '9-QĐ/TU' }),
        200,
      ).body;
      expect(ceremonyDue(decided)).toBe(calendar.addWorkingDays(today, 30));
      expect((await history(dossier.id)).at(-1)!.policyVersion).toBe(`${addDays(today, -10)}-2`);
    });

    it('judges the events dated from its effective date on', async () => {
      const dossier = await awaitingDecision();
      const db = t.app.get(DataSource);
      const [specialist] = await db.query(`SELECT id FROM users WHERE username = 'chuyenvien'`);
      const organizations = t.app.get(OrganizationsService);
      // An engine whose clock reads the day of the event: a decision signed next month.
      const engine = new DossierEngine(
        db,
        t.app.get(WorkflowRegistry),
        new PinnedClock(new Date(`${nextMonth}T03:00:00Z`)),
      );
      const { response } = await engine.apply<DossierRecord>({
        dossierId: dossier.id,
        actor: { id: specialist.id, username: 'chuyenvien', roles: ['specialist'] },
        inScope: () => true,
        accept: async (record, tx) => ({
          event: { type: 'ISSUE_DECISION', occurredOn: nextMonth, payload: { decisionNo: '10-QĐ/TU' } },
          facts: await organizations.admissionFacts(record.orgPath, tx),
          render: (after) => after,
        }),
      });
      expect(ceremonyDue(response)).toBe(calendar.addWorkingDays(nextMonth, 45));
      expect((await history(dossier.id)).at(-1)!.policyVersion).toBe(published.version);
    });
  });
});

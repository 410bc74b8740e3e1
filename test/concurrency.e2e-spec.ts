import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app';
import {
  bearer,
  createDossier,
  dossierBefore,
  expectStatus,
  pathActors,
  START,
  stepOf,
  type Tokens,
} from './support/dossier-helpers';

const CONCURRENCY = 20;

describe('concurrent writes on one dossier', () => {
  let t: TestApp;
  let tokens: Tokens;
  /** The five members of the committee (committeeSize 5 in the test tree). */
  const members: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('concurrency');
    tokens = await pathActors(t, 'cc');
    for (const n of [4, 5]) await t.createUser(`cc-uyvien${n}`, ['committeeMember'], t.tree.committee);
    for (const n of [1, 2, 3, 4, 5]) members.push(await t.token(`cc-uyvien${n}`));
  });
  afterAll(() => t.close());

  const post = (id: string, token: string, event: object, headers: Record<string, string> = {}) => {
    const request = t.http().post(`/api/dossiers/${id}/events`).set('Authorization', bearer(token));
    for (const [name, value] of Object.entries(headers)) request.set(name, value);
    return request.send(event);
  };
  const history = async (id: string) =>
    expectStatus(await t.http().get(`/api/dossiers/${id}/history`).set('Authorization', bearer(tokens.specialist)), 200)
      .body as { seq: number; type: string; payload: Record<string, unknown>; actor: { username: string } }[];
  const statuses = (responses: Response[]) => responses.map((response) => response.status).sort();

  it('lets exactly one of 20 writers based on the same version through; the others get 409 VERSION_CONFLICT', async () => {
    const dossier = await createDossier(t, tokens.cell);
    // Twenty different events, each valid on version 1 on its own.
    const events = Array.from({ length: CONCURRENCY }, (_, i) =>
      i % 2 === 0
        ? {
            type: 'ADD_INTRODUCER',
            occurredOn: '2024-06-10',
            memberName: `Đảng viên ${i}`,
            officialSince: '2010-01-01',
            knownSince: '2020-01-01',
          }
        : [
            { type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' },
            { type: 'RECORD_COMMENTS', occurredOn: '2024-06-11' },
            { type: 'RECORD_UNION_INTRODUCTION', occurredOn: '2024-06-12', union: 'youth', resolutionNo: `${i}-NQ` },
          ][i % 3],
    );

    const responses = await Promise.all(
      events.map((event) => post(dossier.id, tokens.cell, event, { 'If-Match': '1' })),
    );

    expect(statuses(responses)).toEqual([200, ...Array(CONCURRENCY - 1).fill(409)]);
    const winner = responses.find((response) => response.status === 200)!;
    expect(winner.body.version).toBe(2);
    for (const loser of responses.filter((response) => response.status === 409))
      expect(loser.body).toEqual({ code: 'VERSION_CONFLICT', message: expect.any(String), currentVersion: 2 });
    const events2 = await history(dossier.id);
    expect(events2.map((event) => event.seq)).toEqual([1, 2]);
    expect(events2[1].type).toBe(events[responses.indexOf(winner)].type);
  });

  it('answers 20 concurrent identical requests with one Idempotency-Key all alike, with one event recorded', async () => {
    const dossier = await createDossier(t, tokens.cell);
    const event = { type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' };

    const responses = await Promise.all(
      Array.from({ length: CONCURRENCY }, () =>
        post(dossier.id, tokens.cell, event, { 'Idempotency-Key': 'nop-don-1', 'If-Match': '1' }),
      ),
    );

    expect(statuses(responses)).toEqual(Array(CONCURRENCY).fill(200));
    for (const response of responses) expect(response.body).toEqual(responses[0].body);
    expect(responses[0].body).toMatchObject({ id: dossier.id, version: 2 });
    const events = await history(dossier.id);
    expect(events.map((e) => e.type)).toEqual(['CREATE_DOSSIER', 'SUBMIT_APPLICATION']);
  });

  it('replays the first answer for a repeated Idempotency-Key even after the dossier moved on', async () => {
    const dossier = await createDossier(t, tokens.cell);
    const application = { type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' };
    const first = expectStatus(
      await post(dossier.id, tokens.cell, application, { 'Idempotency-Key': 'k-1', 'If-Match': '1' }),
      200,
    );
    expect(first.body.version).toBe(2);

    const comments = expectStatus(
      await post(dossier.id, tokens.cell, { type: 'RECORD_COMMENTS', occurredOn: '2024-06-11' }, { 'If-Match': '2' }),
      200,
    );
    expect(comments.body.version).toBe(3);

    // The replay comes before the version check: the stale If-Match of the first request is no conflict.
    const again = await post(dossier.id, tokens.cell, application, { 'Idempotency-Key': 'k-1', 'If-Match': '1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.body.version).toBe(2);
    const withoutIfMatch = await post(dossier.id, tokens.cell, application, { 'Idempotency-Key': 'k-1' });
    expect(withoutIfMatch.status).toBe(200);
    expect(withoutIfMatch.body).toEqual(first.body);

    const reused = await post(
      dossier.id,
      tokens.cell,
      { ...application, occurredOn: '2024-06-12' },
      { 'Idempotency-Key': 'k-1' },
    );
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) });
    // A key is the caller's own: another user with the same key and body is not handed the first answer.
    const byAnother = await post(dossier.id, tokens.specialist, application, { 'Idempotency-Key': 'k-1' });
    expect(byAnother.status).toBe(422);
    expect(byAnother.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const current = expectStatus(
      await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(tokens.cell)),
      200,
    );
    expect(current.body.version).toBe(3);
    expect((await history(dossier.id)).map((e) => e.type)).toEqual([
      'CREATE_DOSSIER',
      'SUBMIT_APPLICATION',
      'RECORD_COMMENTS',
    ]);
  });

  it('keys are per dossier: the same Idempotency-Key on another dossier is a new request', async () => {
    const [a, b] = [await createDossier(t, tokens.cell), await createDossier(t, tokens.cell)];
    const event = { type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' };
    const onA = expectStatus(await post(a.id, tokens.cell, event, { 'Idempotency-Key': 'shared' }), 200);
    const onB = expectStatus(await post(b.id, tokens.cell, event, { 'Idempotency-Key': 'shared' }), 200);
    expect([onA.body.id, onB.body.id]).toEqual([a.id, b.id]);
    expect((await history(b.id)).map((e) => e.type)).toEqual(['CREATE_DOSSIER', 'SUBMIT_APPLICATION']);
  });

  // 60 is three times the connection pool: a transaction that needs a second connection while it holds the row
  // lock would wait for ever behind the writers queued on that lock.
  it.each([20, 60])(
    'serialises %i concurrent votes without If-Match: one per member is kept, no update is lost',
    async (writers) => {
      const dossier = await dossierBefore(t, tokens, 'APPROVE_DECISION');
      expect(dossier.state).toBe('committeeDecision');
      const base = dossier.version;
      const on = stepOf('APPROVE_DECISION').event.occurredOn;

      // Each of the five members sends several votes at once, approvals and objections mixed: one of each
      // member's votes is accepted, the others break `decision.oneVotePerMember`.
      const attempts = Array.from({ length: writers }, (_, i) => ({
        member: i % members.length,
        event:
          Math.floor(i / members.length) % 2 === 0
            ? { type: 'APPROVE_DECISION', occurredOn: on }
            : { type: 'OBJECT_DECISION', occurredOn: on, note: `Ý kiến ${i}` },
      }));
      const responses = await Promise.all(
        attempts.map(({ member, event }) => post(dossier.id, members[member], event)),
      );

      const accepted = responses.filter((response) => response.status === 200);
      const refused = responses.filter((response) => response.status !== 200);
      expect(accepted).toHaveLength(members.length);
      expect(refused).toHaveLength(writers - members.length);
      for (const response of refused)
        expect(response.body).toMatchObject({ code: 'RULE_VIOLATION', rule: 'decision.oneVotePerMember' });
      expect(accepted.map((response) => response.body.version).sort((a, b) => a - b)).toEqual(
        Array.from({ length: members.length }, (_, i) => base + i + 1),
      );
      for (let member = 0; member < members.length; member++)
        expect(attempts.filter((attempt, i) => attempt.member === member && responses[i].status === 200)).toHaveLength(
          1,
        );

      const events = await history(dossier.id);
      const votes = events.filter((e) => e.type === 'APPROVE_DECISION' || e.type === 'OBJECT_DECISION');
      expect(votes).toHaveLength(members.length);
      expect(new Set(votes.map((vote) => vote.actor.username)).size).toBe(members.length);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: base + members.length }, (_, i) => i + 1));

      const rejections = expectStatus(
        await t.http().get(`/api/dossiers/${dossier.id}/rejections`).set('Authorization', bearer(tokens.specialist)),
        200,
      );
      expect(rejections.body).toHaveLength(writers - members.length);

      // Every member has voted: the dossier has left everyone's approvals inbox.
      for (const token of members) {
        const inbox = expectStatus(await t.http().get('/api/inbox/approvals').set('Authorization', bearer(token)), 200);
        expect(inbox.body.map((d: { id: string }) => d.id)).not.toContain(dossier.id);
      }
    },
  );

  it('keeps the dossier consistent when 20 writers race without If-Match on different steps', async () => {
    const dossier = await createDossier(t, tokens.cell, { occurredOn: START });
    const steps = [
      { type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' },
      { type: 'RECORD_COMMENTS', occurredOn: '2024-06-11' },
      {
        type: 'RECORD_AWARENESS_CERTIFICATE',
        occurredOn: '2024-06-08',
        certificateNo: 'NT-1',
        issuedOn: '2024-06-06',
        issuer: 'Trung tâm Chính trị',
      },
    ];
    // Each step sent by several writers at once: the first of each is applied, the copies change nothing.
    const responses = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) => post(dossier.id, tokens.cell, steps[i % steps.length])),
    );
    const accepted = responses.filter((response) => response.status === 200);
    expect(accepted.map((response) => response.body.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: accepted.length }, (_, i) => i + 2),
    );
    // The copies are refused as the state or the rules dictate, never with a server error.
    const unexpected = responses.filter((r) => ![200, 409, 422].includes(r.status));
    expect(unexpected.map((r) => [r.status, r.body])).toEqual([]);
    const events = await history(dossier.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: accepted.length + 1 }, (_, i) => i + 1));
    // However many writers sent them, the application and the comments are recorded once.
    expect(events.filter((e) => e.type === 'SUBMIT_APPLICATION')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'RECORD_COMMENTS')).toHaveLength(1);
    // Each transition synced the deadlines in the write of its COMMIT: the last answer lists them as they are stored,
    // and no sync ran twice (one open row per kind).
    const rows: { kind: string; status: string; dueOn: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT kind, status, due_on AS "dueOn" FROM deadlines WHERE dossier_id = $1 ORDER BY created_at, kind`, [
        dossier.id,
      ]);
    const view = expectStatus(
      await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(tokens.cell)),
      200,
    ).body as { version: number; deadlines: { kind: string; status: string; dueOn: string }[] };
    expect(view.version).toBe(accepted.length + 1);
    expect(view.deadlines.map(({ kind, status, dueOn }) => ({ kind, status, dueOn }))).toEqual(rows);
    expect(accepted.find((response) => response.body.version === view.version)!.body.deadlines).toEqual(view.deadlines);
    const open = rows.filter((row) => row.status === 'open').map((row) => row.kind);
    expect(new Set(open).size).toBe(open.length);
  });
});

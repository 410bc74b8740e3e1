import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import { addDays, vietnameseDate } from '@workflows/common/local-date';
import { withNationalId } from './support/national-ids';
import { eventually } from './support/waiting';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';
import {
  bearer,
  createDossier,
  dossierBefore,
  expectStatus,
  pathActors,
  START,
  stepOf,
  type DossierBody,
  type Tokens,
} from './support/dossier-helpers';

/** The cell vote of the demo path: 11 official members on the roll, meeting 60 days after identification. */
const CELL_VOTE = stepOf('RECORD_CELL_VOTE').event;
const cellVote = (inFavour: number, against: number, occurredOn = CELL_VOTE.occurredOn) => ({
  type: 'RECORD_CELL_VOTE',
  occurredOn,
  officialMembers: 11,
  inFavour,
  against,
});

describe('error answers of the HTTP API', () => {
  let t: TestApp;
  let tokens: Tokens;
  let inspector: string;
  let foreignSecretary: string;
  let admin: string;
  /** The token of a user of `tree.cell` issued before an admin changed their password: revoked. */
  let revoked: string;
  /** A dossier of `tree.cell` in its first state, `candidate`, at version 1; no test changes it. */
  let fresh: DossierBody;

  beforeAll(async () => {
    t = await startTestApp('errors');
    tokens = await pathActors(t, 'err');
    await t.createUser('err-kiemtra', ['inspector'], t.tree.committee);
    await t.createUser('err-bithu-ngoai', ['cellSecretary'], t.tree.foreignCell);
    inspector = await t.token('err-kiemtra');
    foreignSecretary = await t.token('err-bithu-ngoai');
    admin = await t.token('admin');
    fresh = await createDossier(t, tokens.cell);
    const revokedId = await t.createUser('err-bithu-thu-hoi', ['cellSecretary'], t.tree.cell);
    revoked = await t.token('err-bithu-thu-hoi');
    const change = { password: 'mat-khau-moi-cua-bi-thu' };
    await t.http().patch(`/api/users/${revokedId}`).set('Authorization', bearer(admin)).send(change).expect(200);
  });
  afterAll(() => t.close());

  const post = (id: string, token: string, event: unknown, headers: Record<string, string> = {}) => {
    const request = t.http().post(`/api/dossiers/${id}/events`).set('Authorization', bearer(token));
    for (const [name, value] of Object.entries(headers)) request.set(name, value);
    return request.send(event as object);
  };
  const get = (path: string, token: string) => t.http().get(path).set('Authorization', bearer(token));
  const application = (occurredOn = '2024-06-10') => ({ type: 'SUBMIT_APPLICATION', occurredOn });
  /** The status `answer` resolves to within `ms`, or a note that it was still waiting then. */
  const statusWithin = async (answer: Promise<{ status: number }>, ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`still waiting after ${ms} ms`), ms);
    });
    try {
      return await Promise.race([answer.then((response) => response.status), waited]);
    } finally {
      clearTimeout(timer);
    }
  };

  describe('401: authentication', () => {
    const claims = () => ({
      id: randomUUID(),
      username: 'ghost',
      roles: ['admin'],
      scopeOrgId: null,
      scopePath: null,
      tokenVersion: 1,
    });
    const unauthenticated = { code: 'UNAUTHENTICATED', message: expect.any(String) };

    it.each([
      ['GET', '/api/dossiers'],
      ['GET', '/api/organizations'],
      ['GET', '/api/workflows'],
      ['POST', '/api/dossiers'],
      ['POST', '/api/dossiers/:id/events'],
      ['GET', '/api/dossiers/:id/history'],
    ])('%s %s without a token answers 401', async (method, path) => {
      const url = path.replace(':id', fresh.id);
      const response = method === 'GET' ? await t.http().get(url) : await t.http().post(url).send(application());
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthenticated);
    });

    it.each([
      ['a garbage token', () => 'Bearer not-a-jwt'],
      ['a token signed with another secret', () => bearer(new JwtService({ secret: 'another' }).sign(claims()))],
      [
        'an expired token',
        () => bearer(new JwtService({ secret: t.config.jwtSecret }).sign({ ...claims(), exp: 1_000_000 })),
      ],
      ['a token without the Bearer scheme', () => 'Token abc'],
      ['a Basic authorization', () => `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`],
    ])('%s answers 401', async (_label, header) => {
      const response = await t.http().get(`/api/dossiers/${fresh.id}`).set('Authorization', header());
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthenticated);
    });

    it('a token signed with the server secret is accepted (the 401s above are not about the route)', async () => {
      const [admin] = await t.app.get(DataSource).query(`SELECT id FROM users WHERE username = 'admin'`);
      const token = new JwtService({ secret: t.config.jwtSecret }).sign({ ...claims(), id: admin.id });
      expect((await get('/api/workflows', token)).status).toBe(200);
    });

    it('a well-signed token of a user who does not exist is refused: scopes are read per request', async () => {
      const token = new JwtService({ secret: t.config.jwtSecret }).sign(claims());
      const response = await get('/api/workflows', token);
      expect([response.status, response.body]).toEqual([401, unauthenticated]);
    });

    it('recording an event with such a token is refused 401 before anything, whether the dossier exists or not', async () => {
      const token = new JwtService({ secret: t.config.jwtSecret }).sign(claims());
      const history = async () => (await get(`/api/dossiers/${fresh.id}/history`, tokens.cell).expect(200)).body;
      const before = await history();
      // Before the id is even looked at: a malformed one is 401 too, as on every route.
      for (const id of [fresh.id, randomUUID(), 'khong-phai-uuid']) {
        const response = await post(id, token, application());
        expect([response.status, response.body]).toEqual([401, unauthenticated]);
      }
      expect(await history()).toEqual(before);
      expect((await get(`/api/dossiers/${fresh.id}/rejections`, tokens.cell).expect(200)).body).toEqual([]);
    });

    // The events route reads the caller's access with the dossier's lock, not in the guard (AccessConfirmedByHandler):
    // whatever it answers before or without that statement waits for the access, so a revoked token learns only 401.
    /** What a valid caller (`tokens.cell` unless said) is answered; a revoked token must get 401 instead. */
    interface Refusal {
      what: string;
      id: () => string;
      event: unknown;
      headers?: Record<string, string>;
      caller?: () => string;
      answer: [number, string];
    }
    const refusals: Refusal[] = [
      {
        what: 'an event to a malformed dossier id',
        id: () => 'khong-phai-uuid',
        event: application(),
        answer: [404, 'NOT_FOUND'],
      },
      { what: 'an event to no dossier', id: randomUUID, event: application(), answer: [404, 'NOT_FOUND'] },
      {
        what: 'an event to a dossier out of the caller’s scope',
        id: () => fresh.id,
        event: application(),
        caller: () => foreignSecretary,
        answer: [404, 'NOT_FOUND'],
      },
      {
        what: 'an event with a malformed If-Match',
        id: () => fresh.id,
        event: application(),
        headers: { 'If-Match': 'phien-ban' },
        answer: [400, 'INVALID_REQUEST'],
      },
      {
        what: 'an event with a stale If-Match',
        id: () => fresh.id,
        event: application(),
        headers: { 'If-Match': '99' },
        answer: [409, 'VERSION_CONFLICT'],
      },
      {
        what: 'an event with a too long Idempotency-Key',
        id: () => fresh.id,
        event: application(),
        headers: { 'Idempotency-Key': 'k'.repeat(201) },
        answer: [400, 'INVALID_REQUEST'],
      },
      {
        what: 'an event of an unknown type',
        id: () => fresh.id,
        event: { type: 'NOPE', occurredOn: '2024-06-10' },
        answer: [400, 'INVALID_EVENT'],
      },
      {
        what: 'an event without its date',
        id: () => fresh.id,
        event: { type: 'SUBMIT_APPLICATION' },
        answer: [400, 'INVALID_EVENT'],
      },
    ];

    it.each(refusals)(
      '$what: refused 401 to a revoked token, answered as usual to a valid one',
      async ({ id, event, headers, caller, answer }) => {
        const history = async () => (await get(`/api/dossiers/${fresh.id}/history`, tokens.cell).expect(200)).body;
        const before = await history();
        const stranger = new JwtService({ secret: t.config.jwtSecret }).sign(claims());
        for (const token of [revoked, stranger]) {
          const response = await post(id(), token, event, headers);
          expect([response.status, response.body]).toEqual([401, unauthenticated]);
        }
        const answered = await post(id(), caller?.() ?? tokens.cell, event, headers);
        expect([answered.status, answered.body.code]).toEqual(answer);
        expect(await history()).toEqual(before);
        expect((await get(`/api/dossiers/${fresh.id}/rejections`, tokens.cell).expect(200)).body).toEqual([]);
      },
    );

    it('a revoked token that sends a valid event is refused 401 and records nothing', async () => {
      const before = (await get(`/api/dossiers/${fresh.id}`, tokens.cell).expect(200)).body;
      const response = await post(fresh.id, revoked, application());
      expect([response.status, response.body]).toEqual([401, unauthenticated]);
      expect((await get(`/api/dossiers/${fresh.id}`, tokens.cell).expect(200)).body).toEqual(before);
    });

    it('login with a wrong password or an unknown user answers 401 INVALID_CREDENTIALS, alike', async () => {
      const wrong = await t.http().post('/api/auth/login').send({ username: 'err-bithu', password: 'sai-mat-khau' });
      const unknown = await t.http().post('/api/auth/login').send({ username: 'nobody', password: PASSWORD });
      for (const response of [wrong, unknown]) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ code: 'INVALID_CREDENTIALS', message: expect.any(String) });
      }
      expect(wrong.body).toEqual(unknown.body);
    });

    it('login with a malformed body answers 400 INVALID_REQUEST', async () => {
      const response = await t.http().post('/api/auth/login').send({ username: 'err-bithu' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'password' }] });
    });

    it('login with the right password answers the token and the public user', async () => {
      const response = await t.http().post('/api/auth/login').send({ username: 'err-bithu', password: PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        user: { id: expect.any(String), username: 'err-bithu', roles: ['cellSecretary'], scopeOrgId: t.tree.cell },
      });
    });
  });

  describe('400 INVALID_EVENT', () => {
    const malformed = { code: 'INVALID_EVENT', message: expect.any(String) };

    it('an unknown type lists the known ones', async () => {
      const response = await post(fresh.id, tokens.cell, { type: 'ADMIT_AT_ONCE', occurredOn: '2024-06-10' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        ...malformed,
        details: { known: expect.arrayContaining(['SUBMIT_APPLICATION']) },
      });
      expect(response.body.details.known).not.toContain('ADMIT_AT_ONCE');
    });

    it.each([
      ['no type at all', { occurredOn: '2024-06-10' }],
      ['a type that is not a string', { type: 42, occurredOn: '2024-06-10' }],
      ['a JSON array', [{ type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' }]],
      ['a type in the wrong case', { type: 'submit_application', occurredOn: '2024-06-10' }],
    ])('%s is an unknown type', async (_label, body) => {
      const response = await post(fresh.id, tokens.cell, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_EVENT', details: { known: expect.any(Array) } });
    });

    it.each([
      ['an impossible date (2025-02-30)', application('2025-02-30'), ['occurredOn']],
      ['a date in another format', application('10/06/2024'), ['occurredOn']],
      ['a year the calendar does not cover', application('0100-01-01'), ['occurredOn']],
      ['no date', { type: 'SUBMIT_APPLICATION' }, ['occurredOn']],
      [
        'missing payload fields',
        { type: 'RECORD_AWARENESS_CERTIFICATE', occurredOn: '2024-06-10', issuer: 'Trung tâm Chính trị' },
        ['certificateNo', 'issuedOn'],
      ],
      [
        'an impossible date inside the payload',
        {
          type: 'RECORD_AWARENESS_CERTIFICATE',
          occurredOn: '2024-06-10',
          certificateNo: 'NT-1',
          issuedOn: '2024-02-30',
          issuer: 'Trung tâm Chính trị',
        },
        ['issuedOn'],
      ],
      [
        'a value outside its enumeration',
        { type: 'RECORD_UNION_INTRODUCTION', occurredOn: '2024-06-10', union: 'women', resolutionNo: '1' },
        ['union'],
      ],
      ['a negative vote count', { ...cellVote(8, 3), against: -1 }, ['against']],
      ['a count that is not an integer', { ...cellVote(8, 3), officialMembers: 10.5 }, ['officialMembers']],
      ['an empty required text', { type: 'WITHDRAW', occurredOn: '2024-06-10', reason: '   ' }, ['reason']],
    ])('%s answers 400 with the fields in details', async (_label, body, paths) => {
      const response = await post(fresh.id, tokens.specialist, body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        ...malformed,
        details: expect.arrayContaining(paths.map((path) => ({ path, message: expect.any(String) }))),
      });
      expect(response.body.details.map((d: { path: string }) => d.path).sort()).toEqual(
        expect.arrayContaining([...paths].sort()),
      );
      // Read by Vietnamese officials: zod's Vietnamese messages ("Đầu vào không hợp lệ", "Quá nhỏ" …).
      for (const detail of response.body.details as { message: string }[])
        expect(detail.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỵỷỹýỳ]/i);
    });

    it('an extra unknown field is refused, and named', async () => {
      const response = await post(fresh.id, tokens.cell, { ...application(), approvedBy: 'someone' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        ...malformed,
        details: [{ path: '', message: expect.stringContaining('approvedBy') }],
      });
    });

    it('a request that is not JSON at all answers 400 INVALID_REQUEST', async () => {
      const response = await t
        .http()
        .post(`/api/dossiers/${fresh.id}/events`)
        .set('Authorization', bearer(tokens.cell))
        .set('Content-Type', 'application/json')
        .send('{"type": "SUBMIT_APP');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ code: 'INVALID_REQUEST', message: expect.any(String) });
    });

    it.each([
      ['an If-Match that is no version', { 'If-Match': 'yesterday' }, 'If-Match'],
      ['an empty Idempotency-Key', { 'Idempotency-Key': '' }, 'Idempotency-Key'],
      ['an overlong Idempotency-Key', { 'Idempotency-Key': 'k'.repeat(201) }, 'Idempotency-Key'],
    ])('%s answers 400 INVALID_REQUEST', async (_label, headers, path) => {
      const response = await post(fresh.id, tokens.cell, application(), headers);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path }] });
    });
  });

  describe('409 EVENT_NOT_ALLOWED', () => {
    it('names the current state and the events it allows', async () => {
      const response = await post(fresh.id, tokens.specialist, {
        type: 'ISSUE_DECISION',
        occurredOn: '2024-06-10',
        decisionNo: '1-QĐ/TU',
      });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        code: 'EVENT_NOT_ALLOWED',
        message: expect.any(String),
        state: 'candidate',
        allowedEvents: expect.arrayContaining(['SUBMIT_APPLICATION', 'RECORD_AWARENESS_CERTIFICATE', 'WITHDRAW']),
      });
      expect(response.body.allowedEvents).not.toContain('ISSUE_DECISION');
    });

    it('gives the whole value of a parallel state', async () => {
      const dossier = await createDossier(t, tokens.cell);
      expectStatus(await post(dossier.id, tokens.cell, application()), 200);
      const response = await post(dossier.id, tokens.cell, {
        type: 'HOLD_CEREMONY',
        occurredOn: '2024-06-11',
        helperName: 'A',
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'EVENT_NOT_ALLOWED',
        state: {
          assembly: {
            certificate: 'missing',
            application: 'awaitingPersonalHistory',
            introduction: 'awaitingIntroducers',
            comments: 'awaitingComments',
          },
        },
      });
      expect(response.body.allowedEvents).toContain('SUBMIT_PERSONAL_HISTORY');
      expect(response.body.allowedEvents).not.toContain('SUBMIT_APPLICATION');
      expect(response.body.allowedEvents).not.toContain('HOLD_CEREMONY');
    });

    it('a step recorded twice is not allowed the second time', async () => {
      const dossier = await createDossier(t, tokens.cell);
      expectStatus(await post(dossier.id, tokens.cell, application()), 200);
      const again = await post(dossier.id, tokens.cell, application('2024-06-11'));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('EVENT_NOT_ALLOWED');
    });
  });

  describe('409 VERSION_CONFLICT', () => {
    it('answers the current version when If-Match is stale, and accepts every spelling of the right one', async () => {
      const dossier = await createDossier(t, tokens.cell);
      expectStatus(await post(dossier.id, tokens.cell, application(), { 'If-Match': '1' }), 200);
      const stale = await post(
        dossier.id,
        tokens.cell,
        { type: 'RECORD_COMMENTS', occurredOn: '2024-06-11' },
        { 'If-Match': '1' },
      );
      expect(stale.status).toBe(409);
      expect(stale.body).toEqual({ code: 'VERSION_CONFLICT', message: expect.any(String), currentVersion: 2 });
      const ahead = await post(
        dossier.id,
        tokens.cell,
        { type: 'RECORD_COMMENTS', occurredOn: '2024-06-11' },
        { 'If-Match': '7' },
      );
      expect(ahead.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });

      const weak = await post(
        dossier.id,
        tokens.cell,
        { type: 'RECORD_COMMENTS', occurredOn: '2024-06-11' },
        { 'If-Match': 'W/"2"' },
      );
      expect(weak.status).toBe(200);
      expect(weak.body.version).toBe(3);
      const quoted = await post(
        dossier.id,
        tokens.cell,
        { type: 'SUBMIT_PERSONAL_HISTORY', occurredOn: '2024-06-12', relatives: [] },
        { 'If-Match': '"3"' },
      );
      expect(quoted.status).toBe(200);
      expect(quoted.body.version).toBe(4);
    });
  });

  describe('422 RULE_VIOLATION', () => {
    interface Case {
      rule: string;
      /** The dossier and the refused event. */
      setup: () => Promise<{ id: string; event: Record<string, unknown>; token: string }>;
      vi: RegExp;
      en: RegExp;
    }
    const cases: [string, Case][] = [
      [
        'age.range: a candidate who is 17 on the cell vote date',
        {
          rule: 'age.range',
          setup: async () => {
            const dossier = await dossierBefore(t, tokens, 'RECORD_CELL_VOTE', {
              candidate: { ...DEMO_CANDIDATE, dateOfBirth: '2006-08-03' },
            });
            // The vote is on 2024-08-02: the 18th birthday is the day after.
            return { id: dossier.id, event: cellVote(8, 3, '2024-08-02'), token: tokens.cell };
          },
          vi: /chưa đủ 18 tuổi/,
          en: /not yet 18/,
        },
      ],
      [
        'papers.expired: introductions and comments older than 12 months at the cell vote',
        {
          rule: 'papers.expired',
          setup: async () => {
            const dossier = await dossierBefore(t, tokens, 'RECORD_CELL_VOTE');
            return { id: dossier.id, event: cellVote(9, 2, addDays(CELL_VOTE.occurredOn, 400)), token: tokens.cell };
          },
          vi: /phải làm lại: giấy giới thiệu của đảng viên Hoàng Văn Minh/,
          en: /to be redone: the introduction by Hoàng Văn Minh/,
        },
      ],
      [
        'date.notFuture: an application dated tomorrow',
        {
          rule: 'date.notFuture',
          setup: async () => {
            const dossier = await createDossier(t, tokens.cell);
            return { id: dossier.id, event: application(addDays(TEST_TODAY, 1)), token: tokens.cell };
          },
          // Dates as officials write them in the Vietnamese message.
          vi: new RegExp(
            `Ngày ${vietnameseDate(addDays(TEST_TODAY, 1))} ở tương lai \\(hôm nay là ${vietnameseDate(TEST_TODAY)}\\)`,
          ),
          en: /in the future/,
        },
      ],
      [
        'date.order: an application dated before the candidate was identified',
        {
          rule: 'date.order',
          setup: async () => {
            const dossier = await createDossier(t, tokens.cell);
            return { id: dossier.id, event: application(addDays(START, -1)), token: tokens.cell };
          },
          vi: new RegExp(
            `Ngày ${vietnameseDate(addDays(START, -1))} sớm hơn bước trước đó \\(${vietnameseDate(START)}\\)`,
          ),
          en: /precedes the previous step/,
        },
      ],
      [
        'date.order: a verification started before the personal history',
        {
          rule: 'date.order',
          setup: async () => {
            const dossier = await dossierBefore(t, tokens, 'START_VERIFICATION');
            const historyOn = stepOf('SUBMIT_PERSONAL_HISTORY').event.occurredOn;
            return {
              id: dossier.id,
              event: { type: 'START_VERIFICATION', occurredOn: addDays(historyOn, -1) },
              token: tokens.grassroots,
            };
          },
          vi: /sớm hơn/,
          en: /precedes/,
        },
      ],
      [
        'certificate.valid: a certificate issued more than 60 months before the cell vote',
        {
          rule: 'certificate.valid',
          setup: async () => {
            const dossier = await dossierBefore(t, tokens, 'RECORD_CELL_VOTE', {
              change: (step) =>
                step.event.type === 'RECORD_AWARENESS_CERTIFICATE'
                  ? { ...step, event: { ...step.event, issuedOn: '2019-05-01' } }
                  : step,
            });
            return { id: dossier.id, event: cellVote(9, 2), token: tokens.cell };
          },
          vi: /không còn giá trị/,
          en: /not valid on the cell meeting date/,
        },
      ],
    ];

    it.each(cases)('%s', async (_label, { rule, setup, vi, en }) => {
      const { id, event, token } = await setup();
      const before = expectStatus(await get(`/api/dossiers/${id}`, token), 200).body;

      const inVietnamese = await post(id, token, event);
      expect(inVietnamese.status).toBe(422);
      expect(inVietnamese.body).toEqual({
        code: 'RULE_VIOLATION',
        rule,
        message: expect.stringMatching(vi),
        citation: expect.any(String),
      });
      expect(inVietnamese.body.citation.trim()).not.toBe('');

      const inEnglish = await post(id, token, event, { 'Accept-Language': 'en-GB,en;q=0.9' });
      expect(inEnglish.status).toBe(422);
      expect(inEnglish.body).toEqual({ ...inVietnamese.body, message: expect.stringMatching(en) });
      expect(inEnglish.body.message).not.toBe(inVietnamese.body.message);
      const preferringVietnamese = await post(id, token, event, { 'Accept-Language': 'vi-VN,vi;q=0.9,en;q=0.8' });
      expect(preferringVietnamese.body).toEqual(inVietnamese.body);

      expect(expectStatus(await get(`/api/dossiers/${id}`, token), 200).body).toEqual(before);
      const rejections = expectStatus(await get(`/api/dossiers/${id}/rejections`, token), 200).body;
      expect(rejections).toHaveLength(3);
      expect(rejections[0]).toMatchObject({
        type: event.type,
        rule,
        message: inVietnamese.body.message,
        occurredOn: event.occurredOn,
        actor: { username: expect.any(String) },
      });
    });

    it('a cell vote below 2/3 is a fact: 200, kept as failed, and 8 of 11 passes at the next meeting', async () => {
      const dossier = await dossierBefore(t, tokens, 'RECORD_CELL_VOTE');
      const failed = expectStatus(await post(dossier.id, tokens.cell, cellVote(7, 4)), 200).body;
      expect(failed).toMatchObject({ state: 'cellReview', version: dossier.version + 1 });
      expect(failed.votes).toEqual([
        { kind: 'cell', occurredOn: CELL_VOTE.occurredOn, members: 11, inFavour: 7, against: 4, passed: false },
      ]);
      const later = addDays(CELL_VOTE.occurredOn, 14);
      const passed = await post(dossier.id, tokens.cell, cellVote(8, 3, later), { 'If-Match': String(failed.version) });
      expect(passed.status).toBe(200);
      expect(passed.body).toMatchObject({ state: 'grassrootsReview', version: dossier.version + 2 });
      expect(passed.body.votes.map((v: { passed: boolean }) => v.passed)).toEqual([false, true]);
      const history = expectStatus(await get(`/api/dossiers/${dossier.id}/history`, tokens.cell), 200).body;
      expect(history.slice(-2).map((e: { payload: { passed: boolean } }) => e.payload.passed)).toEqual([false, true]);
      expect(expectStatus(await get(`/api/dossiers/${dossier.id}/rejections`, tokens.cell), 200).body).toEqual([]);
    });

    it('age.range: a candidate who turns 18 on the cell vote date is old enough', async () => {
      const dossier = await dossierBefore(t, tokens, 'RECORD_CELL_VOTE', {
        candidate: { ...DEMO_CANDIDATE, dateOfBirth: '2006-08-02' },
      });
      const response = await post(dossier.id, tokens.cell, cellVote(8, 3, '2024-08-02'));
      expect(response.status).toBe(200);
      expect(response.body.state).toBe('grassrootsReview');
    });
  });

  describe('404: unknown, malformed or out-of-scope dossiers', () => {
    const notFound = { code: 'NOT_FOUND', message: expect.any(String) };
    const targets: [string, () => string, () => string][] = [
      ['an unknown id', () => randomUUID(), () => tokens.specialist],
      ['an id that is not a uuid', () => 'not-a-uuid', () => tokens.specialist],
      ['a dossier out of scope', () => fresh.id, () => foreignSecretary],
    ];
    const routes: [string, (id: string, token: string) => ReturnType<typeof get>][] = [
      ['GET /api/dossiers/:id', (id, token) => get(`/api/dossiers/${id}`, token)],
      ['GET /api/dossiers/:id/history', (id, token) => get(`/api/dossiers/${id}/history`, token)],
      ['GET /api/dossiers/:id/rejections', (id, token) => get(`/api/dossiers/${id}/rejections`, token)],
      ['POST /api/dossiers/:id/events', (id, token) => post(id, token, application())],
    ];

    it.each(
      targets.flatMap(([target, id, token]) =>
        routes.map(([route, call]) => [route, target, id, token, call] as const),
      ),
    )('%s on %s answers 404', async (_route, _target, id, token, call) => {
      const response = await call(id(), token());
      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFound);
    });

    it('an out-of-scope dossier answers exactly as one that does not exist', async () => {
      const outOfScope = await get(`/api/dossiers/${fresh.id}`, foreignSecretary);
      const missing = await get(`/api/dossiers/${randomUUID()}`, foreignSecretary);
      expect(outOfScope.body).toEqual(missing.body);
    });

    it('with the dossier busy elsewhere, only a caller whose access and scope hold waits for it', async () => {
      // Another transaction holds the dossier (a transition under way): a revoked token or a caller outside the
      // dossier's scope must neither queue behind it nor take its lock, and the scope is the user's row's, not the
      // token's (a well-signed token of the foreign secretary claiming to reach everywhere).
      const dataSource = t.app.get(DataSource);
      const [foreign] = await dataSource.query(
        `SELECT id, username, roles, token_version AS "tokenVersion" FROM users WHERE username = 'err-bithu-ngoai'`,
      );
      const widened = new JwtService({ secret: t.config.jwtSecret }).sign({
        ...foreign,
        scopeOrgId: null,
        scopePath: null,
      });
      const waiting = async () =>
        (
          await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        )[0].n;
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      let inScope: Promise<{ status: number }> | undefined;
      try {
        await holder.query('SELECT id FROM dossiers WHERE id = $1 FOR UPDATE', [fresh.id]);
        // The secretary of the dossier's cell waits for the lock (an unknown type: refused once it has it).
        let settled = false;
        inScope = post(fresh.id, tokens.cell, { type: 'NOPE', occurredOn: '2024-06-10' }).then((response) => {
          settled = true;
          return response;
        });
        await eventually(async () => (await waiting()) === 1);
        for (const [token, status] of [
          [revoked, 401],
          [foreignSecretary, 404],
          [widened, 404],
        ] as const)
          expect(await statusWithin(post(fresh.id, token, application()), 3_000)).toBe(status);
        expect([settled, await waiting()]).toEqual([false, 1]);
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
      expect((await inScope).status).toBe(400);
    });

    it('an unknown route answers 404 NOT_FOUND', async () => {
      const response = await get('/api/dossiers/x/y/z', tokens.cell);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });
  });

  describe('403: a role that may not send the event', () => {
    it.each([
      ['an inspector', () => inspector],
      ['an admin', () => admin],
    ])('%s recording an application answers 403 FORBIDDEN', async (_label, token) => {
      const response = await post(fresh.id, token(), application());
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('SUBMIT_APPLICATION') });
    });

    it('a cell secretary may not issue the decision, nor a committee member record the cell vote', async () => {
      const issue = await post(fresh.id, tokens.cell, {
        type: 'ISSUE_DECISION',
        occurredOn: '2024-06-10',
        decisionNo: '1',
      });
      const vote = await post(fresh.id, tokens.member1, cellVote(8, 3));
      expect([issue.status, vote.status]).toEqual([403, 403]);
      expect([issue.body.code, vote.body.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    });
  });

  describe('the order of the checks on POST events', () => {
    // 404 scope → 400 unknown type → 403 role → 400 payload → idempotency → 409 version → 409 state → 422 rules
    const future = () => addDays(TEST_TODAY, 3);
    const cases: [string, number, string, () => string, () => unknown, Record<string, string>][] = [
      ['out of scope, with an unknown type', 404, 'NOT_FOUND', () => foreignSecretary, () => ({ type: 'NOPE' }), {}],
      [
        'an unknown type from a role that may send nothing',
        400,
        'INVALID_EVENT',
        () => inspector,
        () => ({ type: 'NOPE' }),
        {},
      ],
      [
        'a forbidden role with a malformed payload',
        403,
        'FORBIDDEN',
        () => inspector,
        () => ({ type: 'WITHDRAW' }),
        {},
      ],
      [
        'a malformed payload with a stale If-Match',
        400,
        'INVALID_EVENT',
        () => tokens.cell,
        () => ({ type: 'WITHDRAW', occurredOn: '2024-06-10' }),
        { 'If-Match': '99' },
      ],
      [
        'a stale If-Match on an event the state does not allow',
        409,
        'VERSION_CONFLICT',
        () => tokens.specialist,
        () => ({ type: 'ISSUE_DECISION', occurredOn: '2024-06-10', decisionNo: '1' }),
        { 'If-Match': '99' },
      ],
      [
        'an event the state does not allow, dated in the future',
        409,
        'EVENT_NOT_ALLOWED',
        () => tokens.specialist,
        () => ({ type: 'ISSUE_DECISION', occurredOn: future(), decisionNo: '1' }),
        {},
      ],
      [
        'an allowed event dated in the future, with the right If-Match',
        422,
        'RULE_VIOLATION',
        () => tokens.cell,
        () => application(future()),
        { 'If-Match': '1' },
      ],
    ];

    it.each(cases)('%s answers %i %s', async (_label, status, code, token, body, headers) => {
      const response = await post(fresh.id, token(), body(), headers);
      expect([response.status, response.body.code]).toEqual([status, code]);
    });
  });

  describe('creating a dossier', () => {
    const create = (token: string, body: Record<string, unknown>) =>
      t.http().post('/api/dossiers').set('Authorization', bearer(token)).send(body);
    const valid = () => ({ cellId: t.tree.cell, candidate: withNationalId(DEMO_CANDIDATE), occurredOn: START });

    it.each([
      ["another cell than the secretary's own", () => tokens.cell, () => t.tree.otherCell],
      ['a cell under another committee', () => tokens.specialist, () => t.tree.foreignCell],
      ['an organisation that does not exist', () => tokens.specialist, () => randomUUID()],
    ])('in %s answers 404', async (_label, token, cellId) => {
      const response = await create(token(), { ...valid(), cellId: cellId() });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    });

    it.each([
      ['a grassroots organisation', () => t.tree.grassroots],
      ['a section', () => t.tree.section],
      ['a committee', () => t.tree.committee],
    ])('on %s rather than a cell answers 422', async (_label, orgId) => {
      const response = await create(tokens.specialist, { ...valid(), cellId: orgId() });
      expect(response.status).toBe(422);
      expect(response.body).toEqual({ code: expect.any(String), message: expect.stringContaining('cell') });
    });

    it.each([
      ['no candidate', { candidate: undefined }, ['candidate']],
      ['a candidate without most fields', { candidate: { fullName: 'Lò Văn Páo' } }, ['candidate.dateOfBirth']],
      [
        'an impossible date of birth',
        { candidate: { ...DEMO_CANDIDATE, dateOfBirth: '2001-02-29' } },
        ['candidate.dateOfBirth'],
      ],
      ['an unknown gender', { candidate: { ...DEMO_CANDIDATE, gender: 'x' } }, ['candidate.gender']],
      [
        'an unknown education level',
        { candidate: { ...DEMO_CANDIDATE, educationLevel: 'phd' } },
        ['candidate.educationLevel'],
      ],
      ['an unknown candidate field', { candidate: { ...DEMO_CANDIDATE, partyMember: true } }, ['candidate']],
    ])('with %s answers 400 with the fields in details', async (_label, change, paths) => {
      const response = await create(tokens.cell, { ...valid(), ...change });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_EVENT', details: expect.any(Array) });
      expect(response.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(paths));
    });

    it.each([
      ['a cellId that is not a uuid', { cellId: 'chi-bo-1' }, 'cellId'],
      ['an impossible occurredOn', { occurredOn: '2024-13-01' }, 'occurredOn'],
    ])('with %s answers 400 INVALID_REQUEST', async (_label, change, path) => {
      const response = await create(tokens.cell, { ...valid(), ...change });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_REQUEST' });
      expect(response.body.details).toContainEqual({ path, message: expect.any(String) });
    });

    it('dated in the future answers 422 RULE_VIOLATION date.notFuture, as an event would', async () => {
      const response = await create(tokens.cell, { ...valid(), occurredOn: addDays(TEST_TODAY, 1) });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'date.notFuture',
        citation: expect.any(String),
      });
    });

    it.each([
      ['an inspector', () => inspector],
      ['a committee member', () => tokens.member1],
      ['an admin', () => admin],
    ])('by %s answers 403', async (_label, token) => {
      const response = await create(token(), valid());
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    });
  });

  describe('errors of the other endpoints', () => {
    const asAdmin = (method: 'post' | 'put', path: string, body: object) =>
      t.http()[method](path).set('Authorization', bearer(admin)).send(body);

    it.each([
      ['a cell under a cell', { name: 'Tổ', kind: 'cell', parentId: 'cell' }, 422, 'INVALID_HIERARCHY'],
      ['a grassroots organisation at the root', { name: 'Đảng bộ', kind: 'grassroots' }, 422, 'INVALID_HIERARCHY'],
      [
        'a delegated cell',
        { name: 'Chi bộ', kind: 'cell', parentId: 'grassroots', delegatedAdmission: true },
        422,
        'INVALID_HIERARCHY',
      ],
      ['an unknown parent', { name: 'Chi bộ', kind: 'cell', parentId: 'unknown' }, 404, 'NOT_FOUND'],
      ['an unknown kind', { name: 'Tổ', kind: 'team', parentId: 'grassroots' }, 400, 'INVALID_REQUEST'],
    ] as const)('POST /api/organizations with %s answers %i %s', async (_label, body, status, code) => {
      const parentId =
        'parentId' in body ? (body.parentId === 'unknown' ? randomUUID() : t.tree[body.parentId]) : undefined;
      const response = await asAdmin('post', '/api/organizations', { ...body, parentId });
      expect([response.status, response.body.code]).toEqual([status, code]);
    });

    it.each([
      ['a username already taken', { username: 'err-bithu', scopeOrgId: 'cell' }, 409, 'USERNAME_TAKEN'],
      ['an unknown scope', { username: 'err-new-1', scopeOrgId: 'unknown' }, 404, 'NOT_FOUND'],
      ['no scope for a non-admin', { username: 'err-new-2' }, 400, 'INVALID_REQUEST'],
      ['a short password', { username: 'err-new-3', scopeOrgId: 'cell', password: 'short' }, 400, 'INVALID_REQUEST'],
    ] as const)('POST /api/users with %s answers %i %s', async (_label, change, status, code) => {
      const scopeOrgId =
        'scopeOrgId' in change
          ? change.scopeOrgId === 'unknown'
            ? randomUUID()
            : t.tree[change.scopeOrgId]
          : undefined;
      const response = await asAdmin('post', '/api/users', {
        password: 'mat-khau-moi-123',
        roles: ['inspector'],
        ...change,
        scopeOrgId,
      });
      expect([response.status, response.body.code]).toEqual([status, code]);
    });

    // Years where the holiday library never returns (year 1, year 99999) must be refused before it is asked:
    // a regression hangs this suite, as it would hang the server.
    it.each(['1', '0', '-5', '99999', '1899', '2200'])('GET /api/calendar/%s answers 400', async (year) => {
      const response = await get(`/api/calendar/${year}`, tokens.cell);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path: 'year' }] });
    });

    it('GET /api/calendar/:year answers the days off of a year in range, and 400 for a year that is no number', async () => {
      const response = expectStatus(await get('/api/calendar/2025', tokens.cell), 200);
      expect(response.body.year).toBe(2025);
      expect(response.body.holidays.map((h: { date: string }) => h.date)).toEqual(
        expect.arrayContaining(['2025-01-01', '2025-04-30', '2025-05-01', '2025-09-02']),
      );
      expect((await get('/api/calendar/2025a', tokens.cell)).body.code).toBe('INVALID_REQUEST');
    });

    it.each([
      ['an impossible date', '2025-02-30', { kind: 'dayOff', note: 'x' }, 'date'],
      ['an unknown kind', '2031-01-03', { kind: 'holiday', note: 'x' }, 'kind'],
      ['no note', '2031-01-03', { kind: 'dayOff' }, 'note'],
    ])('PUT /api/calendar/overrides with %s answers 400', async (_label, date, body, path) => {
      const response = await asAdmin('put', `/api/calendar/overrides/${date}`, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path }] });
    });

    it.each([
      ['a limit of 0', 'limit=0', 'limit'],
      ['a limit above 100', 'limit=101', 'limit'],
      ['a negative offset', 'offset=-1', 'offset'],
      ['a cellId that is no uuid', 'cellId=chi-bo', 'cellId'],
      ['overdue=yes', 'overdue=yes', 'overdue'],
      ['an unknown parameter', 'sort=name', ''],
    ])('GET /api/dossiers with %s answers 400', async (_label, query, path) => {
      const response = await get(`/api/dossiers?${query}`, tokens.cell);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'INVALID_REQUEST', details: [{ path }] });
    });

    it('GET /api/workflows/:name of an unknown workflow answers 404', async () => {
      const response = await get('/api/workflows/recognition', tokens.cell);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });
  });

  describe('health and documentation', () => {
    it('GET /health answers 200 with both stores up, without a token', async () => {
      const response = await t.http().get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ok',
        postgres: 'up',
        redis: 'up',
        services: {
          postgres: { origin: 'external', address: '127.0.0.1:5432' },
          redis: { origin: 'external', address: '127.0.0.1:6379' },
        },
      });
    });

    it('GET /api/docs-json serves the OpenAPI document with the dossier paths', async () => {
      const response = await t.http().get('/api/docs-json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/auth/login',
          '/api/dossiers',
          '/api/dossiers/{id}',
          '/api/dossiers/{id}/events',
          '/api/dossiers/{id}/history',
          '/api/dossiers/{id}/rejections',
          '/api/organizations',
          '/api/workflows',
          '/api/workflows/{name}',
          '/health',
        ]),
      );
      expect(Object.keys(response.body.paths['/api/dossiers'])).toEqual(expect.arrayContaining(['get', 'post']));
      const headers = response.body.paths['/api/dossiers/{id}/events'].post.parameters.map(
        (p: { name: string }) => p.name,
      );
      expect(headers).toEqual(expect.arrayContaining(['If-Match', 'Idempotency-Key']));
    });

    it('GET /api/docs serves the UI', async () => {
      const response = await t.http().get('/api/docs').redirects(1);
      expect(response.status).toBe(200);
      expect(response.text).toContain('swagger');
    });
  });

  describe('a refused event leaves the dossier byte-identical', () => {
    let dossier: DossierBody;
    const dataSource = () => t.app.get(DataSource);

    /** Everything stored about the dossier, as PostgreSQL renders it. */
    async function stored(id: string) {
      const db = dataSource();
      const [row] = await db.query('SELECT row_to_json(d) AS row FROM dossiers d WHERE id = $1', [id]);
      const events = await db.query(
        'SELECT row_to_json(e) AS row FROM dossier_events e WHERE dossier_id = $1 ORDER BY seq',
        [id],
      );
      const deadlines = await db.query(
        'SELECT row_to_json(l) AS row FROM deadlines l WHERE dossier_id = $1 ORDER BY id',
        [id],
      );
      const keys = await db.query(
        'SELECT row_to_json(k) AS row FROM idempotency_keys k WHERE dossier_id = $1 ORDER BY key',
        [id],
      );
      const view = expectStatus(await get(`/api/dossiers/${id}`, tokens.specialist), 200).body;
      const history = expectStatus(await get(`/api/dossiers/${id}/history`, tokens.specialist), 200).body;
      return { row: row.row, events: events.map((r: { row: unknown }) => r.row), deadlines, keys, view, history };
    }

    beforeAll(async () => {
      // In cellReview, its last step recorded with an Idempotency-Key, and deadlines already open.
      const steps = await dossierBefore(t, tokens, 'RECORD_COMMENTS');
      const comments = stepOf('RECORD_COMMENTS').event;
      dossier = expectStatus(await post(steps.id, tokens.cell, comments, { 'Idempotency-Key': 'nhan-xet' }), 200).body;
      expect(dossier.state).toBe('cellReview');
    });

    const future = () => addDays(TEST_TODAY, 1);
    const refusals: [string, () => string, () => unknown, Record<string, string>, number, string, string | null][] = [
      [
        'a cell vote on papers older than 12 months',
        () => tokens.cell,
        () => cellVote(9, 2, addDays(CELL_VOTE.occurredOn, 400)),
        {},
        422,
        'RULE_VIOLATION',
        'papers.expired',
      ],
      [
        'a vote dated in the future',
        () => tokens.cell,
        () => cellVote(9, 2, future()),
        {},
        422,
        'RULE_VIOLATION',
        'date.notFuture',
      ],
      [
        'a vote with more ballots than members',
        () => tokens.cell,
        () => cellVote(9, 3),
        {},
        422,
        'RULE_VIOLATION',
        'vote.counts',
      ],
      [
        'a valid vote on a stale version',
        () => tokens.cell,
        () => cellVote(9, 2),
        { 'If-Match': '1' },
        409,
        'VERSION_CONFLICT',
        null,
      ],
      [
        'an event the state does not allow',
        () => tokens.specialist,
        () => ({ type: 'ISSUE_DECISION', occurredOn: CELL_VOTE.occurredOn, decisionNo: '1' }),
        {},
        409,
        'EVENT_NOT_ALLOWED',
        null,
      ],
      [
        'a malformed vote',
        () => tokens.cell,
        () => ({ ...cellVote(9, 2), inFavour: '9' }),
        {},
        400,
        'INVALID_EVENT',
        null,
      ],
      [
        'an unknown event type',
        () => tokens.cell,
        () => ({ type: 'ADMIT', occurredOn: '2024-08-02' }),
        {},
        400,
        'INVALID_EVENT',
        null,
      ],
      ['a valid vote by a committee member', () => tokens.member1, () => cellVote(9, 2), {}, 403, 'FORBIDDEN', null],
      ['a valid vote from outside the scope', () => foreignSecretary, () => cellVote(9, 2), {}, 404, 'NOT_FOUND', null],
      [
        'a valid vote under an Idempotency-Key already used for another request',
        () => tokens.cell,
        () => cellVote(9, 2),
        { 'Idempotency-Key': 'nhan-xet' },
        422,
        'IDEMPOTENCY_KEY_REUSED',
        null,
      ],
      [
        'the replay of the request that Idempotency-Key was used for',
        () => tokens.cell,
        () => stepOf('RECORD_COMMENTS').event,
        { 'Idempotency-Key': 'nhan-xet' },
        200,
        '',
        null,
      ],
    ];

    it.each(refusals)('%s', async (_label, token, body, headers, status, code, rule) => {
      const before = await stored(dossier.id);
      const rejectionsBefore = expectStatus(await get(`/api/dossiers/${dossier.id}/rejections`, tokens.cell), 200).body;

      const response = await post(dossier.id, token(), body(), headers);
      expect(response.status).toBe(status);
      if (code) expect(response.body.code).toBe(code);
      else expect(response.body).toEqual(dossier);
      if (rule) expect(response.body.rule).toBe(rule);

      const after = await stored(dossier.id);
      expect(after).toEqual(before);
      expect(after.row.version).toBe(dossier.version);
      const rejections = expectStatus(await get(`/api/dossiers/${dossier.id}/rejections`, tokens.cell), 200).body;
      if (rule) {
        expect(rejections).toHaveLength(rejectionsBefore.length + 1);
        expect(rejections.at(-1)).toEqual({
          id: expect.any(Number),
          type: 'RECORD_CELL_VOTE',
          payload: (({ type: _type, occurredOn: _on, ...payload }) => payload)(body() as Record<string, unknown>),
          actor: { id: expect.any(String), username: 'err-bithu' },
          occurredOn: (body() as { occurredOn: string }).occurredOn,
          rule,
          message: expect.any(String),
          recordedAt: expect.any(String),
        });
      } else expect(rejections).toEqual(rejectionsBefore);
    });

    it('and the dossier still takes the valid vote afterwards', async () => {
      const response = await post(dossier.id, tokens.cell, cellVote(9, 2), { 'If-Match': String(dossier.version) });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ state: 'grassrootsReview', version: dossier.version + 1 });
    });
  });
});

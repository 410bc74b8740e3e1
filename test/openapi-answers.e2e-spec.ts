import type { Response } from 'supertest';
import { z } from 'zod';
import { startTestApp, type TestApp } from './support/test-app';
import {
  bearer,
  createDossier,
  dossierBefore,
  pathActors,
  stepOf,
  type DossierBody,
  type Tokens,
} from './support/dossier-helpers';

type Schema = Record<string, unknown>;
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

/**
 * Real answers of the main endpoints checked against the schemas the served document gives for their status, so
 * that the document cannot drift from what the code answers. The document's schemas are read back into zod
 * (`z.fromJSONSchema`), its `$ref`s resolved among its components.
 */
describe('the OpenAPI document against real answers', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let tokens: Tokens;
  let admin: string;
  let dossier: DossierBody;

  beforeAll(async () => {
    t = await startTestApp('openapi-answers');
    document = (await t.http().get('/api/docs-json').expect(200)).body;
    tokens = await pathActors(t, 'oa');
    admin = await t.token('admin');
    dossier = await dossierBefore(t, tokens, 'APPROVE_DECISION');
  });
  afterAll(() => t.close());

  function documentedSchema(method: string, path: string, status: number): z.ZodType {
    const operation = document.paths[path]?.[method];
    if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
    const response = operation.responses[String(status)];
    if (!response) throw new Error(`${method.toUpperCase()} ${path} does not document status ${status}`);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} documents no JSON body`);
    const local = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/definitions/')) as Schema;
    return z.fromJSONSchema(
      { ...local(schema), definitions: local(document.components.schemas) },
      { defaultTarget: 'openapi-3.0' },
    );
  }

  /** The answer's status is documented for the operation, and its body fits that status's schema. */
  function expectDocumented(response: Response, method: string, path: string) {
    const parsed = documentedSchema(method, path, response.status).safeParse(response.body);
    expect({ status: response.status, issues: parsed.error?.issues ?? [] }).toEqual({
      status: response.status,
      issues: [],
    });
  }

  const get = (path: string, token: string) => t.http().get(path).set('Authorization', bearer(token));
  const post = (path: string, token: string, body: object) =>
    t.http().post(path).set('Authorization', bearer(token)).send(body);

  it('login: the session, and the refusal of a wrong password', async () => {
    const login = '/api/auth/login';
    expectDocumented(
      await t.http().post(login).send({ username: 'admin', password: 'mat-khau-thu-nghiem' }),
      'post',
      login,
    );
    expectDocumented(await t.http().post(login).send({ username: 'admin', password: 'sai' }), 'post', login);
    expectDocumented(await t.http().post(login).send({ username: '' }), 'post', login);
  });

  it('dossiers: created, read, listed, their history; not found, invalid and unauthenticated', async () => {
    const created = await post('/api/dossiers', tokens.cell, {
      cellId: t.tree.cell,
      occurredOn: '2024-06-03',
      candidate: { fullName: 'Thiếu Ngày Sinh' },
    });
    expectDocumented(created, 'post', '/api/dossiers');
    expectDocumented(await post('/api/dossiers', tokens.cell, { occurredOn: '2024-06-03' }), 'post', '/api/dossiers');
    const fresh = await createDossier(t, tokens.cell);
    for (const id of [fresh.id, dossier.id, '00000000-0000-4000-8000-000000000000'])
      expectDocumented(await get(`/api/dossiers/${id}`, tokens.cell), 'get', '/api/dossiers/{id}');
    expectDocumented(await get('/api/dossiers?limit=5', tokens.cell), 'get', '/api/dossiers');
    expectDocumented(await get('/api/dossiers?limit=0', tokens.cell), 'get', '/api/dossiers');
    expectDocumented(await t.http().get('/api/dossiers'), 'get', '/api/dossiers');
    expectDocumented(
      await get(`/api/dossiers/${dossier.id}/history`, tokens.cell),
      'get',
      '/api/dossiers/{id}/history',
    );
    expectDocumented(
      await get(`/api/dossiers/${dossier.id}/rejections`, tokens.cell),
      'get',
      '/api/dossiers/{id}/rejections',
    );
    expectDocumented(
      await get(`/api/dossiers/${dossier.id}/history/verify`, tokens.cell),
      'get',
      '/api/dossiers/{id}/history/verify',
    );
    expectDocumented(
      await get(`/api/dossiers/${dossier.id}/documents`, tokens.cell),
      'get',
      '/api/dossiers/{id}/documents',
    );
  });

  it('recording an event: the dossier after it, and each refusal', async () => {
    const fresh = await createDossier(t, tokens.cell);
    const first = stepOf('RECORD_AWARENESS_CERTIFICATE');
    const url = `/api/dossiers/${fresh.id}/events`;
    const answers = [
      await post(url, tokens[first.actor], first.event),
      await post(url, tokens.cell, { type: 'NO_SUCH_EVENT', occurredOn: '2024-06-10' }),
      await post(url, tokens.cell, { type: 'SUBMIT_APPLICATION', occurredOn: '2024-06-10' }).set('If-Match', '99'),
      await post(url, tokens.cell, { type: 'HOLD_CEREMONY', occurredOn: '2024-06-10', helperName: 'Lê Văn Giúp' }),
      await post(url, tokens.cell, { type: 'SUBMIT_APPLICATION', occurredOn: '2099-01-01' }),
      await post(`/api/dossiers/${dossier.id}/events`, tokens.cell, {
        type: 'APPROVE_DECISION',
        occurredOn: '2024-09-01',
      }),
    ];
    expect(answers.map((answer) => `${answer.status} ${answer.body.code ?? ''}`.trim())).toEqual([
      '200',
      '400 INVALID_EVENT',
      '409 VERSION_CONFLICT',
      '409 EVENT_NOT_ALLOWED',
      '422 RULE_VIOLATION',
      '403 FORBIDDEN',
    ]);
    for (const answer of answers) expectDocumented(answer, 'post', '/api/dossiers/{id}/events');
  });

  it('the import of past members: its outcome, its status, a refused file', async () => {
    const csv = [
      'fullName,nationalId,dateOfBirth,gender,ethnicity,religion,educationLevel,generalEducation,occupation,youthUnionMember,cellId,decisionOn,admittedOn,officialFrom',
      `Đảng Viên Cũ,,1990-01-01,male,Kinh,Không,university,upperSecondary,teacher,true,${t.tree.cell},2020-03-01,2020-03-10,2021-03-10`,
      `Dòng Sai,,1990-01-01,male,Kinh,Không,university,upperSecondary,teacher,true,${t.tree.cell},2020-03-01,,`,
    ].join('\n');
    const send = (query: string, file = csv) =>
      t
        .http()
        .post(`/api/members/import${query}`)
        .set('Authorization', bearer(tokens.specialist))
        .set('Content-Type', 'text/csv')
        .send(file);
    const imported = await send('');
    // Another file: the same one again would answer the first import.
    const refused = await send('?mode=allOrNothing', csv.replace('Dòng Sai', 'Dòng Sai Khác'));
    expect([imported.status, refused.status]).toEqual([200, 422]);
    expectDocumented(imported, 'post', '/api/members/import');
    expectDocumented(refused, 'post', '/api/members/import');
    expectDocumented(
      await get(`/api/members/imports/${imported.body.importId}`, tokens.specialist),
      'get',
      '/api/members/imports/{id}',
    );
  });

  it('to-do lists, approvals, organisations, reports', async () => {
    expectDocumented(await get('/api/inbox/tasks', tokens.cell), 'get', '/api/inbox/tasks');
    expectDocumented(await get('/api/inbox/tasks?withinWorkingDays=61', tokens.cell), 'get', '/api/inbox/tasks');
    expectDocumented(await get('/api/inbox/approvals', tokens.member1), 'get', '/api/inbox/approvals');
    expectDocumented(await get('/api/inbox/approvals', tokens.cell), 'get', '/api/inbox/approvals');
    expectDocumented(await get('/api/organizations', admin), 'get', '/api/organizations');
    expectDocumented(await get('/api/organizations?asOf=2024-01-01', tokens.cell), 'get', '/api/organizations');
    expectDocumented(
      await get(`/api/organizations/${t.tree.cell}/changes`, admin),
      'get',
      '/api/organizations/{id}/changes',
    );
    const period = `orgId=${t.tree.committee}&from=2024-01-01&to=2025-12-31`;
    for (const report of ['admissions', 'votes', 'compliance'])
      expectDocumented(
        await get(`/api/reports/${report}?${period}`, tokens.specialist),
        'get',
        `/api/reports/${report}`,
      );
    expectDocumented(
      await get(`/api/reports/admissions?orgId=${t.tree.foreignCell}`, tokens.cell),
      'get',
      '/api/reports/admissions',
    );
    expectDocumented(await get(`/api/quotas?orgId=${t.tree.committee}`, tokens.specialist), 'get', '/api/quotas');
  });

  it('health and the other lists: users, workflows, policies, calendar, classes, notifications, webhooks, audit', async () => {
    expectDocumented(await t.http().get('/health'), 'get', '/health');
    expectDocumented(await get('/api/users', admin), 'get', '/api/users');
    expectDocumented(await get('/api/users', tokens.cell), 'get', '/api/users');
    expectDocumented(await get('/api/workflows', tokens.cell), 'get', '/api/workflows');
    expectDocumented(await get('/api/workflows/admission', tokens.cell), 'get', '/api/workflows/{name}');
    expectDocumented(await get('/api/policies', tokens.cell), 'get', '/api/policies');
    expectDocumented(await get('/api/calendar/2025', tokens.cell), 'get', '/api/calendar/{year}');
    expectDocumented(await get('/api/calendar', admin), 'get', '/api/calendar');
    expectDocumented(await get('/api/classes', tokens.specialist), 'get', '/api/classes');
    expectDocumented(await get('/api/notifications', tokens.cell), 'get', '/api/notifications');
    expectDocumented(await get('/api/webhooks', admin), 'get', '/api/webhooks');
    expectDocumented(await get('/api/audit?limit=5', admin), 'get', '/api/audit');
    expectDocumented(await get('/api/audit', tokens.cell), 'get', '/api/audit');
    expectDocumented(await get('/api/audit?what=nothing', admin), 'get', '/api/audit');
  });
});

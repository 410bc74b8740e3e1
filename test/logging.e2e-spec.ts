import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { createWorker } from '@apps/worker/worker.factory';
import { DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import { bearer, dossierBefore, expectStatus, pathActors, stepOf, type Tokens } from './support/dossier-helpers';
import { nextNationalId } from './support/national-ids';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/waiting';

type Line = Record<string, unknown> & { msg?: string; requestId?: string };

describe('structured logs', () => {
  let t: TestApp;
  let tokens: Tokens;
  let worker: INestApplicationContext | undefined;
  // The API and the worker of this suite write their JSON lines here instead of standard output.
  const raw: string[] = [];
  const lines = () => raw.map((line) => JSON.parse(line) as Line);
  const destination = { write: (line: string) => void raw.push(line) };

  beforeAll(async () => {
    t = await startTestApp('logging', { log: { level: 'info', format: 'json', destination } });
    tokens = await pathActors(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('logs each request once it is answered: method, path, status, duration, address and its request id', async () => {
    const answer = await t.http().get('/api/organizations').set('X-Request-Id', 'proxy-42.a').expect(401);
    expect(answer.headers['x-request-id']).toBe('proxy-42.a');
    const line = lines().find((entry) => entry.requestId === 'proxy-42.a');
    expect(line).toMatchObject({
      levelName: 'warn',
      msg: 'GET /api/organizations 401',
      req: { method: 'GET', url: '/api/organizations' },
      res: { statusCode: 401 },
    });
    expect(typeof line?.durationMs).toBe('number');
    expect((line?.req as { remoteAddress: string }).remoteAddress).toMatch(/127\.0\.0\.1|::1/);
    expect(JSON.stringify(line)).not.toMatch(/authorization|cookie/i);
  });

  it('gives a request without a sane X-Request-Id an id of its own, and echoes it', async () => {
    for (const header of [undefined, 'x'.repeat(65), 'a b', '<script>', 'a/b', '-leading-dash']) {
      const request = t.http().get('/health');
      if (header !== undefined) request.set('X-Request-Id', header);
      const id = (await request).headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('never writes passwords, tokens or national IDs', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'admin', password: PASSWORD }).expect(200);
    const token: string = login.body.accessToken;
    const nationalId = nextNationalId();
    const created = await t
      .http()
      .post('/api/dossiers')
      .set('Authorization', bearer(tokens.cell))
      .set('X-Request-Id', 'create-with-id')
      .send({ cellId: t.tree.cell, candidate: { ...DEMO_CANDIDATE, nationalId }, occurredOn: '2024-06-03' });
    expectStatus(created, 201);
    // The same person again: PostgreSQL's refusal names the number; a search by the number puts it in the URL.
    const again = await t
      .http()
      .post('/api/dossiers')
      .set('Authorization', bearer(tokens.cell))
      .send({ cellId: t.tree.cell, candidate: { ...DEMO_CANDIDATE, nationalId }, occurredOn: '2024-06-03' });
    expectStatus(again, 409);
    await t
      .http()
      .get(`/api/dossiers?q=${nationalId}`)
      .set('Authorization', bearer(token))
      .set('X-Request-Id', 'search-by-id')
      .expect(200);
    // Whatever code logs an object holding them, at any depth.
    new Logger('Probe').warn({
      user: { password: PASSWORD, accessToken: token },
      candidate: { nationalId, fullName: 'Nguyễn Thị Hoa' },
      header: `Bearer ${token}`,
      note: `căn cước ${nationalId}`,
      databaseUrl: 'postgres://admission:mat-khau-csdl@db.internal/admission',
    });
    const text = raw.join('');
    for (const secret of [PASSWORD, token, token.split('.')[1], nationalId, 'mat-khau-csdl'])
      expect(text).not.toContain(secret);
    const probe = lines().find((line) => line.context === 'Probe');
    expect(probe).toMatchObject({
      user: { password: '[redacted]', accessToken: '[redacted]' },
      candidate: { nationalId: '[redacted]', fullName: 'Nguyễn Thị Hoa' },
      header: 'Bearer [token]',
      note: 'căn cước [national id]',
      databaseUrl: 'postgres://admission:[redacted]@db.internal/admission',
    });
    expect(lines().find((line) => line.requestId === 'search-by-id')?.msg).toBe(
      'GET /api/dossiers?q=[national id] 200',
    );
  });

  it('carries the request id into the jobs the request queues, and the worker logs it with each job', async () => {
    // Recorded long ago, the decision opens a ceremony deadline already overdue: its reminder fires at once.
    const dossier = await dossierBefore(t, tokens, 'ISSUE_DECISION');
    const step = stepOf('ISSUE_DECISION');
    await t
      .http()
      .post(`/api/dossiers/${dossier.id}/events`)
      .set('Authorization', bearer(tokens[step.actor]))
      .set('X-Request-Id', 'decision-1')
      .send(step.event)
      .expect(200);
    worker = await createWorker(t.config);
    const done = await eventually(async () =>
      lines().find(
        (line) => line.requestId === 'decision-1' && line.queue === 'reminders' && line.msg?.includes('done'),
      ),
    );
    expect(done).toMatchObject({ context: 'ReminderProcessor', attempt: 1 });
    expect(String(done.jobId)).toMatch(/^reminder-/);
    expect(typeof done.durationMs).toBe('number');
  });
});

import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createWorker } from '@apps/worker/worker.factory';
import { WorkerMetricsServer } from '@apps/worker/worker-metrics-server';
import { bearer, dossierBefore, expectStatus, pathActors, stepOf, type Tokens } from './support/dossier-helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/waiting';

const TOKEN = 'metrics-token-of-the-test-suite-0123456789';

/** The value of one series in Prometheus text: the line of `name` whose labels include every one given. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        (candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `)) &&
        Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('metrics', () => {
  let t: TestApp;
  let tokens: Tokens;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    const config = { access: { token: TOKEN, networks: [] }, workerPort: 0 };
    t = await startTestApp('metrics', { metrics: config });
    tokens = await pathActors(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const scrape = async () => expectStatus(await t.http().get('/metrics').set('Authorization', bearer(TOKEN)), 200).text;

  it('opens /metrics to its token and to admins without scope only', async () => {
    const answer = await t.http().get('/metrics').set('Authorization', bearer(TOKEN)).expect(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(answer.text).toContain('# TYPE http_requests_total counter');
    expect(
      (
        await t
          .http()
          .get('/metrics')
          .set('Authorization', bearer(await t.token('admin')))
      ).status,
    ).toBe(200);
    for (const token of [undefined, 'x'.repeat(TOKEN.length), tokens.specialist, tokens.cell]) {
      const request = t.http().get('/metrics');
      if (token) request.set('Authorization', bearer(token));
      const refused = await request;
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    await t.createUser('quantri-tinh', ['admin'], t.tree.committee);
    expect(
      (
        await t
          .http()
          .get('/metrics')
          .set('Authorization', bearer(await t.token('quantri-tinh')))
      ).status,
    ).toBe(403);
  });

  it('counts requests by route pattern and status', async () => {
    const dossier = await dossierBefore(t, tokens, 'SUBMIT_APPLICATION');
    const labels = { method: 'GET', route: '/api/dossiers/:id', status: '200' };
    const before = valueOf(await scrape(), 'http_requests_total', labels);
    for (let i = 0; i < 3; i++)
      expectStatus(await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(tokens.cell)), 200);
    const after = await scrape();
    expect(valueOf(after, 'http_requests_total', labels)).toBe(before + 3);
    expect(valueOf(after, 'http_request_duration_seconds_count', labels)).toBe(before + 3);
    expect(after).not.toContain(dossier.id);
    // An unknown path counts under the pattern that answered it (Nest's catch-all), never under its own path.
    const unknown = { route: '/api*path', status: '404' };
    const unknownBefore = valueOf(after, 'http_requests_total', unknown);
    await t.http().get('/api/no-such-thing').set('Authorization', bearer(tokens.cell)).expect(404);
    const text = await scrape();
    expect(valueOf(text, 'http_requests_total', unknown)).toBe(unknownBefore + 1);
    expect(text).not.toContain('no-such-thing');
  });

  it('counts transitions by workflow, event and outcome, and refusals by rule', async () => {
    const dossier = await dossierBefore(t, tokens, 'RECORD_CELL_VOTE');
    const step = stepOf('RECORD_CELL_VOTE');
    const send = (event: Record<string, unknown>) =>
      t.http().post(`/api/dossiers/${dossier.id}/events`).set('Authorization', bearer(tokens[step.actor])).send(event);
    const before = await scrape();
    const refused = expectStatus(await send({ ...step.event, officialMembers: 9, inFavour: 12, against: 0 }), 422);
    const rule: string = refused.body.rule;
    expectStatus(await send({ ...step.event, type: 'NO_SUCH_EVENT' }), 400);
    expectStatus(await send(step.event), 200);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    const event = { workflow: 'admission', event: 'RECORD_CELL_VOTE' };
    expect(moved('workflow_transitions_total', { ...event, outcome: 'RULE_VIOLATION' })).toBe(1);
    expect(moved('workflow_transitions_total', { ...event, outcome: 'applied' })).toBe(1);
    expect(moved('workflow_transitions_total', { event: 'unknown', outcome: 'INVALID_EVENT' })).toBe(1);
    expect(moved('workflow_rule_violations_total', { workflow: 'admission', rule })).toBe(1);
    expect(after).not.toContain('NO_SUCH_EVENT');
  });

  it('does not count events refused 401 to a revoked token, as the guard refuses them elsewhere', async () => {
    const dossier = await dossierBefore(t, tokens, 'SUBMIT_APPLICATION');
    const step = stepOf('SUBMIT_APPLICATION');
    const stranger = new JwtService({ secret: t.config.jwtSecret }).sign({
      id: randomUUID(),
      username: 'ghost',
      roles: ['cellSecretary'],
      scopeOrgId: null,
      scopePath: null,
      tokenVersion: 1,
    });
    const attempts = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('workflow_transitions_total{'))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    const before = attempts(await scrape());
    for (const [dossierId, event] of [
      [dossier.id, step.event],
      [dossier.id, { type: 'NO_SUCH_EVENT' }],
      [randomUUID(), step.event],
    ] as const)
      expectStatus(
        await t.http().post(`/api/dossiers/${dossierId}/events`).set('Authorization', bearer(stranger)).send(event),
        401,
      );
    // The control: a valid caller's refusal is counted.
    expectStatus(
      await t
        .http()
        .post(`/api/dossiers/${dossier.id}/events`)
        .set('Authorization', bearer(tokens[step.actor]))
        .send({ type: 'NO_SUCH_EVENT' }),
      400,
    );
    const after = await scrape();
    expect(attempts(after)).toBe(before + 1);
    expect(after).not.toContain('outcome="UNAUTHENTICATED"');
  });

  it('shows queue depths and the database pool', async () => {
    const text = await scrape();
    for (const queue of ['reminders', 'webhooks', 'maintenance'])
      expect(text).toMatch(new RegExp(`queue_jobs\\{[^}]*queue="${queue}"[^}]*state="delayed"`));
    expect(text).toMatch(/db_pool_connections\{[^}]*state="idle"/);
  });

  it('has the worker serve its own: jobs by queue and outcome, reminders fired and their lateness', async () => {
    // A decision recorded long ago: the ceremony deadline is overdue, its reminder fires as soon as a worker runs.
    const dossier = await dossierBefore(t, tokens, 'ISSUE_DECISION');
    const step = stepOf('ISSUE_DECISION');
    expectStatus(
      await t
        .http()
        .post(`/api/dossiers/${dossier.id}/events`)
        .set('Authorization', bearer(tokens[step.actor]))
        .send(step.event),
      200,
    );
    worker = await createWorker(t.config);
    const port = worker.get(WorkerMetricsServer).boundPort;
    const workerScrape = async (authorization?: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      return { status: response.status, text: await response.text() };
    };
    expect((await workerScrape()).status).toBe(403);
    const text = await eventually(async () => {
      const { text } = await workerScrape(bearer(TOKEN));
      return valueOf(text, 'reminders_fired_total', { outcome: 'sent' }) > 0 && text;
    });
    expect(text).toContain('process="worker"');
    expect(valueOf(text, 'queue_jobs_processed_total', { queue: 'reminders', outcome: 'completed' })).toBeGreaterThan(
      0,
    );
    expect(valueOf(text, 'reminder_lateness_seconds_count')).toBeGreaterThan(0);
    expect(text).toMatch(/queue_jobs\{[^}]*queue="reminders"/);
  });
});

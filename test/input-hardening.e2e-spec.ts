import { DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import { bearer, createDossier, expectStatus, pathActors, type Tokens } from './support/dossier-helpers';
import { startTestApp, type TestApp } from './support/test-app';

/** Bad input is a 400 with a stable code and changes nothing; text is stored in NFC. */
describe('input hardening', () => {
  let t: TestApp;
  let tokens: Tokens;
  let dossierId: string;

  beforeAll(async () => {
    t = await startTestApp('input');
    tokens = await pathActors(t);
    dossierId = (await createDossier(t, tokens.cell)).id;
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, token = tokens.cell) =>
    t
      .http()
      .post(path)
      .set('Authorization', bearer(token))
      .send(body as object);
  const get = (path: string, token = tokens.cell) => t.http().get(path).set('Authorization', bearer(token));

  const expectInvalid = (response: { status: number; body: { code?: string } }) => {
    expect(response.status).toBe(400);
    expect(['INVALID_REQUEST', 'INVALID_EVENT']).toContain(response.body.code);
  };

  it('refuses NUL characters in any text field or query parameter', async () => {
    expectInvalid(
      await post('/api/dossiers', {
        cellId: t.tree.cell,
        occurredOn: '2024-06-03',
        candidate: { fullName: 'A\u0000B' },
      }),
    );
    expectInvalid(
      await post(`/api/dossiers/${dossierId}/events`, {
        type: 'WITHDRAW',
        occurredOn: '2024-06-04',
        reason: 'x\u0000',
      }),
    );
    expectInvalid(await get('/api/dossiers?q=%00'));
    expectInvalid(await get('/api/dossiers?state=a%00b'));
    expectInvalid(await get('/api/classes?kind=%00'));
    const listed = expectStatus(await get('/api/dossiers'), 200);
    expect(listed.body.total).toBe(1);
  });

  it('refuses unpaired UTF-16 surrogates, in values and in keys', async () => {
    const lone = '{"type":"WITHDRAW","occurredOn":"2024-06-04","reason":"\\ud800"}';
    const response = await t
      .http()
      .post(`/api/dossiers/${dossierId}/events`)
      .set('Authorization', bearer(tokens.cell))
      .set('Content-Type', 'application/json')
      .send(lone);
    expectInvalid(response);
    const key = await t
      .http()
      .post('/api/organizations')
      .set('Authorization', bearer(await t.token('admin')))
      .set('Content-Type', 'application/json')
      .send('{"name":"x","kind":"cell","\\udc00":1}');
    expectInvalid(key);
  });

  it('answers 400 INVALID_EVENT, not 500, for event types named like Object.prototype members', async () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const response = await post(`/api/dossiers/${dossierId}/events`, { type, occurredOn: '2024-06-04' });
      expect(response.status).toBe(400);
      expect(['INVALID_EVENT', 'INVALID_REQUEST']).toContain(response.body.code);
    }
    const polluted = await t
      .http()
      .post('/api/dossiers')
      .set('Authorization', bearer(tokens.cell))
      .set('Content-Type', 'application/json')
      .send(`{"cellId":"${t.tree.cell}","occurredOn":"2024-06-03","__proto__":{"admin":true}}`);
    expectInvalid(polluted);
  });

  it('refuses integers in query parameters beyond what the database holds', async () => {
    expectInvalid(await get('/api/classes?year=99999999999'));
    expectInvalid(await get('/api/classes?year=1e400'));
    expectInvalid(await get('/api/dossiers?offset=99999999999999999999'));
    expectInvalid(await get('/api/notifications?offset=-1'));
    expect((await get('/api/classes?year=2025')).status).toBe(200);
  });

  it('stores text in NFC, so that a name typed decomposed is found by its composed form', async () => {
    const decomposed = 'Nguyễn Văn Đức'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Văn Đức');
    const created = await createDossier(t, tokens.cell, {
      candidate: { ...DEMO_CANDIDATE, fullName: decomposed },
    });
    expect(created.candidate).toMatchObject({ fullName: 'Nguyễn Văn Đức' });
    const found = expectStatus(await get(`/api/dossiers?q=${encodeURIComponent('Văn Đức')}`), 200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
    const foundDecomposed = expectStatus(
      await get(`/api/dossiers?q=${encodeURIComponent('Văn Đức'.normalize('NFD'))}`),
      200,
    );
    expect(foundDecomposed.body.total).toBe(1);
  });

  it('does not take invisible characters for a reason', async () => {
    for (const reason of ['\u200B\u200B', ' \u00A0\u2060 ', '\uFEFF', '\u3000']) {
      const response = await post(`/api/dossiers/${dossierId}/events`, {
        type: 'WITHDRAW',
        occurredOn: '2024-06-04',
        reason,
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_EVENT');
    }
    const dossier = expectStatus(await get(`/api/dossiers/${dossierId}`), 200);
    expect(dossier.body.version).toBe(1);
  });
});

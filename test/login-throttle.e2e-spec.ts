import { PASSWORD, startTestApp, type TestApp } from './support/test-app';

describe('password guessing at login', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('throttle');
    await t.createUser('bithu', ['cellSecretary'], t.tree.cell);
  });
  afterAll(() => t.close());

  it('answers 429 after ten attempts a minute on one account, and leaves other accounts alone', async () => {
    for (let i = 0; i < 10; i++)
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: 'bithu', password: `sai-${i}` })
        .expect(401);
    const blocked = await t.http().post('/api/auth/login').send({ username: 'bithu', password: PASSWORD }).expect(429);
    expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    const other = await t.http().post('/api/auth/login').send({ username: 'admin', password: PASSWORD }).expect(200);
    expect(other.body.user).toMatchObject({ username: 'admin', roles: ['admin'], scopeOrgId: null });
  });
});

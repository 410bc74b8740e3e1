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

describe('password spraying from one address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('spray');
  });
  afterAll(() => t.close());

  it('answers 429 after thirty failed logins a minute from one address, whatever the usernames', async () => {
    // Successful logins do not count: an office behind one address logs everyone in.
    for (const n of [1, 2, 3, 4]) await t.createUser(`vanphong-${n}`, ['inspector'], t.tree.committee);
    for (let i = 0; i < 36; i++)
      await t
        .http()
        .post('/api/auth/login')
        .send({ username: `vanphong-${(i % 4) + 1}`, password: PASSWORD })
        .expect(200);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (
          await t
            .http()
            .post('/api/auth/login')
            .send({ username: `nguoi-dung-${i}`, password: 'BacKan@2026' })
        ).status,
      );
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
    const blocked = await t.http().post('/api/auth/login').send({ username: 'admin', password: PASSWORD });
    expect(blocked.status).toBe(429);
  });
});

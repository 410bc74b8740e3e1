import { Redis } from 'ioredis';
import { PER_ACCOUNT } from '@apps/api/auth/login-failure-limits';
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

describe('guessing one account from many addresses', () => {
  let t: TestApp;
  let redis: Redis;
  // Behind a proxy on loopback, each request names its client in X-Forwarded-For.
  const from = (n: number) => `203.0.113.${n}`;
  const login = (username: string, password: string, n: number) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', from(n)).send({ username, password });

  beforeAll(async () => {
    t = await startTestApp('account-limit', { trustProxy: 'loopback' });
    await t.createUser('bithu', ['cellSecretary'], t.tree.cell);
    await t.createUser('kiemtra', ['inspector'], t.tree.committee);
    redis = new Redis(t.config.redisUrl);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  it('answers 429 for the account after ten failures from ten addresses, even with the right password', async () => {
    for (let n = 1; n <= PER_ACCOUNT.failures; n++) await login('bithu', `sai-${n}`, n).expect(401);
    const blocked = await login('bithu', PASSWORD, 99).expect(429);
    expect(blocked.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', limit: 'account' });
    // Another spelling of the same username is the same account.
    await login('BiThu', PASSWORD, 98).expect(429);
    // Other accounts, from the same addresses, are not affected.
    await login('kiemtra', PASSWORD, 1).expect(200);
    // The count lives under the suite's own prefix, with the 15-minute window.
    const key = `${t.config.queuePrefix}:login-failures:account:bithu`;
    expect(await redis.get(key)).toBe(String(PER_ACCOUNT.failures));
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(PER_ACCOUNT.windowSeconds - 60);
    expect(ttl).toBeLessThanOrEqual(PER_ACCOUNT.windowSeconds);
  });

  it('counts unknown usernames like known ones, and a successful login clears the count', async () => {
    for (let n = 1; n <= PER_ACCOUNT.failures; n++) await login('khong-ton-tai', `sai-${n}`, n).expect(401);
    await login('khong-ton-tai', 'sai', 50).expect(429);

    for (let n = 1; n < PER_ACCOUNT.failures; n++) await login('kiemtra', `sai-${n}`, 20 + n).expect(401);
    await login('kiemtra', PASSWORD, 40).expect(200);
    expect(await redis.exists(`${t.config.queuePrefix}:login-failures:account:kiemtra`)).toBe(0);
    for (let n = 1; n < PER_ACCOUNT.failures; n++) await login('kiemtra', `sai-${n}`, 60 + n).expect(401);
    await login('kiemtra', PASSWORD, 80).expect(200);
  });
});

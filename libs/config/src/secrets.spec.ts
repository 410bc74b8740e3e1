import { jwtSecretFrom } from './secrets';

describe('JWT_SECRET', () => {
  it('refuses an empty or short secret, whatever the environment', () => {
    for (const JWT_SECRET of ['', '   ', 'secret', 'x'.repeat(31)]) {
      expect(() => jwtSecretFrom({ JWT_SECRET })).toThrow(/JWT_SECRET must be at least 32 characters/);
      expect(() => jwtSecretFrom({ JWT_SECRET, NODE_ENV: 'production' })).toThrow(/at least 32/);
    }
  });

  it('is required in production, and drawn at random per process elsewhere', () => {
    expect(() => jwtSecretFrom({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required when NODE_ENV=production/);
    const drawn = jwtSecretFrom({});
    expect(drawn.generated).toBe(true);
    expect(drawn.secret).toHaveLength(64);
    expect(jwtSecretFrom({}).secret).not.toBe(drawn.secret);
  });

  it('takes a long enough secret as it is', () => {
    const JWT_SECRET = 'a'.repeat(32);
    expect(jwtSecretFrom({ JWT_SECRET, NODE_ENV: 'production' })).toEqual({ secret: JWT_SECRET, generated: false });
  });
});

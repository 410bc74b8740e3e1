import { REDACTED, redact, redactText } from './redaction';

describe('what never reaches a log', () => {
  it('censors secret keys at any depth, in any spelling, and keeps the rest', () => {
    const error = Object.assign(new Error('duplicate key (national_id)=(001099012345)'), { code: '23505' });
    expect(
      redact({
        password: 'p',
        user: { Password_Hash: 'h', roles: ['admin'], tokens: [{ accessToken: 't' }] },
        headers: { authorization: 'Bearer x', cookie: 'c', 'set-cookie': 's' },
        candidate: { national_id: '001099012345', fullName: 'Hoa' },
        error,
      }),
    ).toEqual({
      password: REDACTED,
      user: { Password_Hash: REDACTED, roles: ['admin'], tokens: [{ accessToken: REDACTED }] },
      headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED },
      candidate: { national_id: REDACTED, fullName: 'Hoa' },
      error: expect.objectContaining({
        type: 'Error',
        message: 'duplicate key (national_id)=([national id])',
        code: '23505',
      }),
    });
  });

  it('removes tokens, national IDs and URL passwords from text, not other numbers', () => {
    expect(redactText('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig and Bearer abc.def')).toBe(
      '[token] and Bearer [token]',
    );
    expect(redactText('CCCD 001099012345, job 1796094822612, year 2026, phone 0912345678')).toBe(
      'CCCD [national id], job 1796094822612, year 2026, phone 0912345678',
    );
    expect(redactText('redis://:s3cret@cache:6379/0 postgres://u:p@db/x')).toBe(
      'redis://:[redacted]@cache:6379/0 postgres://u:[redacted]@db/x',
    );
  });

  it('leaves instances to their serializers', () => {
    const request = new (class Request {
      password = 'kept for the serializer, which picks its fields';
    })();
    expect((redact({ req: request }) as { req: unknown }).req).toBe(request);
  });
});

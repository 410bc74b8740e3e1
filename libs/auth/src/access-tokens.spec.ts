import { JwtService } from '@nestjs/jwt';
import { AccessTokens, type CurrentAccess } from './access-tokens';
import type { AuthenticatedUser } from './authenticated-user';

const claims: AuthenticatedUser = {
  id: '3f1c1a8e-1111-4222-8333-944455556666',
  username: 'bithu',
  roles: ['cellSecretary'],
  scopeOrgId: null,
  scopePath: null,
  tokenVersion: 3,
};

describe('access tokens', () => {
  const jwt = new JwtService({ secret: 'khoa-bi-mat-thu-nghiem', signOptions: { expiresIn: 60 } });
  let access: CurrentAccess | null;
  let reads: number;
  const tokens = new AccessTokens(jwt, {
    currentAccess: async () => {
      reads += 1;
      return access;
    },
  });

  beforeEach(() => {
    access = { tokenVersion: 3, scopeOrgId: 'o', scopePath: '/o/' };
    reads = 0;
  });
  afterEach(() => jest.restoreAllMocks());

  it('a token checked once is still refused once it expires', async () => {
    // jsonwebtoken reads the time with Date.now(), as the kept claims are checked.
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-01T08:00:00Z'));
    const token = await tokens.sign(claims);
    expect(await tokens.claims(token)).toMatchObject(claims);
    now.mockReturnValue(Date.parse('2026-12-01T08:00:59.999Z'));
    expect(await tokens.claims(token)).toMatchObject(claims);
    now.mockReturnValue(Date.parse('2026-12-01T08:01:00Z'));
    expect(await tokens.claims(token)).toBeNull();
  });

  it("the holder's access is read at every use of a token, revoked at once", async () => {
    const token = await tokens.sign(claims);
    expect(await tokens.verify(token)).toMatchObject({ ...claims, scopeOrgId: 'o', scopePath: '/o/' });
    access = { tokenVersion: 4, scopeOrgId: 'o', scopePath: '/o/' };
    expect(await tokens.verify(token)).toBeNull();
    access = null;
    expect(await tokens.verify(token)).toBeNull();
    expect(reads).toBe(3);
  });

  it('a token with a wrong signature is refused every time', async () => {
    const forged = await new JwtService({ secret: 'khoa-khac' }).signAsync(claims);
    expect(await tokens.claims(forged)).toBeNull();
    expect(await tokens.claims(forged)).toBeNull();
    const [header, payload] = (await tokens.sign(claims)).split('.');
    expect(await tokens.claims(`${header}.${payload}.${forged.split('.')[2]}`)).toBeNull();
  });
});

import { JwtService } from '@nestjs/jwt';
import { AccessTokens } from './access-tokens';
import type { CurrentAccess } from './user-access';
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

  it('a caller to confirm carries no scope of the token, and is read at most once when the handler did not admit them', async () => {
    const caller = (await tokens.toConfirm(await tokens.sign({ ...claims, scopePath: '/tu-xung/' })))!;
    expect(caller.claims).toEqual({ id: claims.id, username: 'bithu', roles: ['cellSecretary'], tokenVersion: 3 });
    expect(reads).toBe(0);
    const holder = { ...caller.claims, scopeOrgId: 'o', scopePath: '/o/' };
    expect(await caller.confirm()).toEqual(holder);
    expect(await caller.confirm()).toEqual(holder);
    expect(reads).toBe(1);
  });

  it("the access the handler's statement read decides, without a read of its own", async () => {
    const token = await tokens.sign(claims);
    const revoked = (await tokens.toConfirm(token))!;
    expect(revoked.admit({ tokenVersion: 4, scopeOrgId: 'o', scopePath: '/o/' })).toBeNull();
    expect(await revoked.confirm()).toBeNull();
    const admitted = (await tokens.toConfirm(token))!;
    const now = { tokenVersion: 3, scopeOrgId: 'p', scopePath: '/o/p/' };
    expect(admitted.admit(now)).toMatchObject({ id: claims.id, scopeOrgId: 'p', scopePath: '/o/p/' });
    expect(await admitted.confirm()).toMatchObject(now);
    expect(reads).toBe(0);
  });

  it('a token whose version no user can have is refused before any read', async () => {
    for (const tokenVersion of [3.5, 2 ** 31, -(2 ** 31) - 1])
      expect(await tokens.toConfirm(await tokens.sign({ ...claims, tokenVersion }))).toBeNull();
    expect(reads).toBe(0);
  });
});

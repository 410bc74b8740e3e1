import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthenticatedUser } from './authenticated-user';

export const USER_ACCESS = Symbol('USER_ACCESS');

/** A user's access as it is now. */
export interface CurrentAccess {
  tokenVersion: number;
  scopeOrgId: string | null;
  scopePath: string | null;
}

/** Where the current state of a user's access is read, on every request. */
export interface UserAccessReader {
  /** The user's token version and scope now; null when the user is unknown, disabled or deleted. */
  currentAccess(userId: string): Promise<CurrentAccess | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tokens whose signature was checked, kept at most (the oldest checked goes first). */
const VERIFIED_TOKENS = 10_000;

/** Claims as jsonwebtoken answers them: with the expiry it set at signing, in seconds since the epoch. */
type SignedClaims = AuthenticatedUser & { exp?: number };

/**
 * Access tokens that do not outlive their holder's rights: a token names the token version it was issued under, and
 * is accepted only while the user's row still has that version and the user is neither disabled nor deleted, and
 * carries the user's scope as it is now. The check is one primary-key read per request, with no cache, so a change
 * is seen at once by every API process.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(USER_ACCESS) private readonly access: UserAccessReader,
  ) {}

  /**
   * The claims of tokens already verified, by token. Checking a signature with jsonwebtoken costs the API's thread
   * about as much as a round trip to PostgreSQL, at every request with the same token; what a token says cannot
   * change, and its expiry is checked again at each use. Whether it is still honoured is read every time (`verify`).
   */
  private readonly verified = new Map<string, Readonly<SignedClaims>>();

  sign(claims: AuthenticatedUser): Promise<string> {
    return this.jwt.signAsync(claims);
  }

  /** The token's holder, or null for a token that is invalid, expired or revoked. */
  async verify(token: string): Promise<AuthenticatedUser | null> {
    const claims = await this.claims(token);
    if (!claims) return null;
    const current = await this.access.currentAccess(claims.id);
    if (current?.tokenVersion !== claims.tokenVersion) return null;
    // The scope as it is now, not as it was at login: a merge moves users' scopes and a move changes paths.
    return { ...claims, scopeOrgId: current.scopeOrgId, scopePath: current.scopePath };
  }

  /** What a token says, when its signature, expiry and shape are valid; whether it is still honoured is `verify`'s. */
  async claims(token: string): Promise<AuthenticatedUser | null> {
    const known = this.verified.get(token);
    // As jsonwebtoken judges it: expired from the second `exp` names.
    if (known) return known.exp === undefined || Math.floor(Date.now() / 1000) < known.exp ? known : null;
    let claims: SignedClaims;
    try {
      claims = await this.jwt.verifyAsync<SignedClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.id !== 'string' || !UUID.test(claims.id) || typeof claims.tokenVersion !== 'number') return null;
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, Object.freeze(claims));
    return claims;
  }
}

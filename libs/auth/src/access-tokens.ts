import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessToConfirm, holderNow, type TokenClaims } from './access-to-confirm';
import type { AuthenticatedUser } from './authenticated-user';
import { USER_ACCESS, type UserAccessReader } from './user-access';

/** A token version as the users table can hold it (a 32-bit integer): anything else matches no user. */
const isInt32 = (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;

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
    return claims && holderNow(claims, await this.access.currentAccess(claims.id));
  }

  /**
   * The caller of a route that reads its caller's access itself (`AccessConfirmedByHandler`), or null for a token that
   * is invalid or expired, or whose version no user can have (the statement compares it as an integer column).
   */
  async toConfirm(token: string): Promise<AccessToConfirm | null> {
    const claims = await this.claims(token);
    return claims && isInt32(claims.tokenVersion) ? this.callerOf(claims) : null;
  }

  /**
   * A user checked already (by the guard, for another route's `@CurrentUser()`; read by the seed) as the caller of
   * such a handler, which reads their access again: of what they were, only what a token says, without the scope.
   */
  callerOf({ id, username, roles, tokenVersion }: TokenClaims): AccessToConfirm {
    return new AccessToConfirm({ id, username, roles, tokenVersion }, (userId) => this.access.currentAccess(userId));
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

import type { AuthenticatedUser } from './authenticated-user';
import type { CurrentAccess } from './user-access';

/** What a token says of its holder, without its scope: a caller's scope is the one their row has now, never the token's. */
export type TokenClaims = Omit<AuthenticatedUser, 'scopeOrgId' | 'scopePath'>;

/** The property of the request where the guard leaves the caller of an `@AccessConfirmedByHandler()` route. */
export const ACCESS_TO_CONFIRM = 'accessToConfirm';

/**
 * The holder of a token with these claims given their access now: null when the user is unknown, disabled or deleted
 * or the token's version is no longer theirs; else the claims with the scope as it is now, not as it was at login (a
 * merge moves users' scopes and a move changes paths).
 */
export function holderNow(claims: TokenClaims, current: CurrentAccess | null): AuthenticatedUser | null {
  if (current?.tokenVersion !== claims.tokenVersion) return null;
  return { ...claims, scopeOrgId: current.scopeOrgId, scopePath: current.scopePath };
}

/**
 * The caller of a route marked `@AccessConfirmedByHandler()`: a token whose signature, expiry and shape are checked,
 * whose holder's access (token version, disabled, deleted, scope) is not read yet. Not an `AuthenticatedUser`: the
 * handler reads the access in a statement it runs anyway and hands it to `admit`, which answers the caller as they are
 * now; until then, `confirm` reads it as the guard would (once), and every error waits for it (the exception filter),
 * so that a revoked token is answered 401 before anything else.
 */
export class AccessToConfirm {
  /** The caller as the handler's statement last read them: null when revoked, undefined while not read. */
  private admitted: AuthenticatedUser | null | undefined;
  private read: Promise<AuthenticatedUser | null> | undefined;

  constructor(
    readonly claims: TokenClaims,
    private readonly readAccess: (userId: string) => Promise<CurrentAccess | null>,
  ) {}

  /** The caller given the access the handler read (as `users.current-access` reads it): null when revoked. */
  admit(current: CurrentAccess | null): AuthenticatedUser | null {
    this.admitted = holderNow(this.claims, current);
    return this.admitted;
  }

  /** The caller as they are now: as the handler's statement admitted them, else read once, as the guard reads it. */
  confirm(): Promise<AuthenticatedUser | null> {
    if (this.admitted !== undefined) return Promise.resolve(this.admitted);
    this.read ??= this.readAccess(this.claims.id).then((current) => holderNow(this.claims, current));
    return this.read;
  }
}

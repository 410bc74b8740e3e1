import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@workflows/common/roles';
import type { AuthenticatedUser } from './authenticated-user';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const CHECKED_BY_HANDLER_KEY = 'auth:checked-by-handler';

/** No access token needed (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the handler; without it, any authenticated user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);

/** A valid token whose holder's access has not been read yet (see `AccessCheckedByHandler`). */
export interface UncheckedToken {
  readonly claims: AuthenticatedUser;
}

/**
 * The handler reads its caller's access (`holderNow`) in a statement it runs anyway, one round trip less than the
 * guard's own read: the guard checks only the token's signature, expiry and shape, and the handler gets
 * `@TokenToCheck()` instead of `@CurrentUser()`. Before it judges, reads or writes anything for the caller, it must
 * turn the claims into the holder as they are now, answering 401 when `holderNow` says null. Not with `@Roles()`.
 */
export const AccessCheckedByHandler = () => SetMetadata(CHECKED_BY_HANDLER_KEY, true);

export const TokenToCheck = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UncheckedToken => context.switchToHttp().getRequest().uncheckedToken,
);

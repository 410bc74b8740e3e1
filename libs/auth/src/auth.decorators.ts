import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@workflows/common/roles';
import { ACCESS_TO_CONFIRM, type AccessToConfirm } from './access-to-confirm';
import type { AuthenticatedUser } from './authenticated-user';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const CONFIRMED_BY_HANDLER_KEY = 'auth:confirmed-by-handler';

/** No access token needed (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the handler; without it, any authenticated user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller, their access checked by the guard. Not on an `@AccessConfirmedByHandler()` route, where none is. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest();
  if (request[ACCESS_TO_CONFIRM]) throw new Error('No checked user on this route: its caller is @CallerToConfirm()');
  return request.user;
});

/**
 * The handler reads its caller's access in a statement it runs anyway (one round trip less than the guard's own
 * read): the guard checks only the token's signature, expiry and shape and hands the handler an `AccessToConfirm`
 * (`@CallerToConfirm()`, never `@CurrentUser()`). The handler must `admit` the access its statement read before it
 * judges, reads or writes anything for the caller, and that statement may lock or wait for nothing unless the access
 * holds; every error the route answers first waits for the access to be confirmed (the exception filter), so that a
 * revoked token is answered 401 before anything else. Not with `@Roles()`: a token's roles count once it holds.
 */
export const AccessConfirmedByHandler = () => SetMetadata(CONFIRMED_BY_HANDLER_KEY, true);

/** The caller of an `@AccessConfirmedByHandler()` route, whose access is still to confirm. */
export const CallerToConfirm = createParamDecorator((_data: unknown, context: ExecutionContext): AccessToConfirm => {
  const caller = context.switchToHttp().getRequest()[ACCESS_TO_CONFIRM];
  if (!caller) throw new Error('@CallerToConfirm() is for @AccessConfirmedByHandler() routes');
  return caller;
});

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@workflows/common/roles';
import { AccessTokens } from './access-tokens';
import { ACCESS_TO_CONFIRM } from './access-to-confirm';
import { CONFIRMED_BY_HANDLER_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { ForbiddenRoleError, UnauthenticatedError } from './auth.errors';

/**
 * Every route needs a valid bearer token unless marked @Public(), and one of its @Roles() if it has any. The token's
 * holder is read here, except on an `@AccessConfirmedByHandler()` route, whose handler reads it itself.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new UnauthenticatedError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // On the handler only: a class-wide marker would spare every route of the class the guard's read.
    if (this.reflector.get<boolean | undefined>(CONFIRMED_BY_HANDLER_KEY, context.getHandler())) {
      // A revoked token's roles would be judged before the token: 403 before 401.
      if (roles) throw new Error('@AccessConfirmedByHandler() and @Roles() do not go together');
      const caller = await this.tokens.toConfirm(token);
      if (!caller) throw new UnauthenticatedError();
      request[ACCESS_TO_CONFIRM] = caller;
      return true;
    }
    const user = await this.tokens.verify(token);
    if (!user) throw new UnauthenticatedError();
    request.user = user;
    if (roles && !roles.some((role) => user.roles.includes(role))) throw new ForbiddenRoleError();
    return true;
  }
}

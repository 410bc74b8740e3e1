import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@workflows/common/roles';
import { AccessTokens } from './access-tokens';
import { CHECKED_BY_HANDLER_KEY, PUBLIC_KEY, ROLES_KEY, type UncheckedToken } from './auth.decorators';
import { ForbiddenRoleError, UnauthenticatedError } from './auth.errors';

/** Every route needs a valid bearer token unless marked @Public(), and one of its @Roles() if it has any. */
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
    if (this.reflector.getAllAndOverride<boolean>(CHECKED_BY_HANDLER_KEY, targets)) {
      // The roles of unchecked claims may be revoked ones.
      if (roles) throw new Error('@AccessCheckedByHandler() and @Roles() do not go together');
      const claims = await this.tokens.claims(token);
      if (!claims) throw new UnauthenticatedError();
      request.uncheckedToken = { claims } satisfies UncheckedToken;
      return true;
    }
    const user = await this.tokens.verify(token);
    if (!user) throw new UnauthenticatedError();
    request.user = user;
    if (roles && !roles.some((role) => user.roles.includes(role))) throw new ForbiddenRoleError();
    return true;
  }
}

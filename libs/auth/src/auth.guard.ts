import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@workflows/common/roles';
import { AccessTokens } from './access-tokens';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
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
    const user = await this.tokens.verify(token);
    if (!user) throw new UnauthenticatedError();
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((role) => user.roles.includes(role))) throw new ForbiddenRoleError();
    return true;
  }
}

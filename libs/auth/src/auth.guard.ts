import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { Role } from '@workflows/common/roles';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { ForbiddenRoleError, UnauthenticatedError } from './auth.errors';

/** Every route needs a valid bearer token unless marked @Public(), and one of its @Roles() if it has any. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new UnauthenticatedError();
    let claims: AuthenticatedUser;
    try {
      claims = await this.jwt.verifyAsync<AuthenticatedUser>(token);
    } catch {
      throw new UnauthenticatedError();
    }
    request.user = await this.withCurrentScope(claims);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const user = request.user as AuthenticatedUser;
    if (roles && !roles.some((role) => user.roles.includes(role))) throw new ForbiddenRoleError();
    return true;
  }

  /**
   * The scope as it is now, not as it was at login: a merge moves users' scopes and a move changes paths. One
   * primary-key read per request; a user who no longer exists is no longer authenticated.
   */
  private async withCurrentScope(claims: AuthenticatedUser): Promise<AuthenticatedUser> {
    const [row] = await this.dataSource.query(
      `SELECT u.scope_org_id AS "scopeOrgId", o.path AS "scopePath" FROM users u
       LEFT JOIN organizations o ON o.id = u.scope_org_id WHERE u.id = $1`,
      [claims.id],
    );
    if (!row) throw new UnauthenticatedError();
    return { ...claims, scopeOrgId: row.scopeOrgId, scopePath: row.scopePath };
  }
}

import { Injectable } from '@nestjs/common';
import { AccessTokens, verifyPassword, type AuthenticatedUser } from '@libs/auth';
import { ApiError } from '../errors/api-error';
import { LoginFailureLimits } from './login-failure-limits';
import { OrganizationsService } from '../organizations/organizations.service';
import { publicUser, UsersService } from '../users/users.service';

/** A password hash to compare against when the user does not exist, so both answers take as long. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly tokens: AccessTokens,
    private readonly failures: LoginFailureLimits,
  ) {}

  async login(username: string, password: string, address: string) {
    await this.failures.check(address, username);
    const user = await this.users.findActiveByUsername(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      await this.failures.recordFailure(address, username);
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'Sai tên đăng nhập hoặc mật khẩu / wrong username or password');
    }
    await this.failures.recordSuccess(username);
    const scope = user.scopeOrgId ? await this.organizations.findById(user.scopeOrgId) : null;
    const claims: AuthenticatedUser = {
      id: user.id,
      username: user.username,
      roles: user.roles,
      scopeOrgId: user.scopeOrgId,
      scopePath: scope?.path ?? null,
      tokenVersion: user.tokenVersion,
    };
    return { accessToken: await this.tokens.sign(claims), user: publicUser(user) };
  }
}

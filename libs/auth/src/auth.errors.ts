import { HttpException, HttpStatus } from '@nestjs/common';
import { isUnscopedAdmin, type AuthenticatedUser } from './authenticated-user';

export class UnauthenticatedError extends HttpException {
  constructor() {
    super(
      { code: 'UNAUTHENTICATED', message: 'Cần đăng nhập / a valid access token is required' },
      HttpStatus.UNAUTHORIZED,
    );
  }
}

export class ForbiddenRoleError extends HttpException {
  constructor(message = 'Vai trò của bạn không được thực hiện thao tác này / your role may not do this') {
    super({ code: 'FORBIDDEN', message }, HttpStatus.FORBIDDEN);
  }
}

/** The national calendar, policies and unscoped accounts are changed only by an admin of everything. */
export function requireUnscopedAdmin(user: Pick<AuthenticatedUser, 'roles' | 'scopePath'>): void {
  if (!isUnscopedAdmin(user))
    throw new ForbiddenRoleError(
      'Chỉ quản trị toàn hệ thống được thực hiện thao tác này / only an admin of everything may do this',
    );
}

import { HttpException, HttpStatus } from '@nestjs/common';

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

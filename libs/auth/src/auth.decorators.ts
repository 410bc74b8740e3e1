import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@workflows/common/roles';
import type { AuthenticatedUser } from './authenticated-user';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** No access token needed (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the handler; without it, any authenticated user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);

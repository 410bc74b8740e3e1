import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ROLES } from '@workflows/common/roles';
import { invalidRequest, notFound } from '../errors/api-error';
import { parseBody } from '../zod-body';
import { UsersService } from './users.service';

const password = z.string().min(8).max(200);
const roles = z.array(z.enum(ROLES)).min(1);
const newUser = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[a-zA-Z0-9._-]+$/),
  password,
  roles,
  scopeOrgId: z.uuid().nullable().optional(),
});
const changes = z.strictObject({
  roles: roles.optional(),
  scopeOrgId: z.uuid().nullable().optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
});
const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Không tìm thấy người dùng / user not found') });

/** Accounts, managed by admins within their subtree. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentUser() actor: AuthenticatedUser, @Body() body: unknown) {
    const input = parseBody(newUser, body);
    return this.users.create(actor, { ...input, scopeOrgId: input.scopeOrgId ?? null });
  }

  @Get()
  list(@CurrentUser() actor: AuthenticatedUser) {
    return this.users.list(actor);
  }

  /** Roles, scope, password or `disabled`: any change revokes the user's access tokens at once. */
  @Patch(':id')
  update(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuid) id: string, @Body() body: unknown) {
    const input = parseBody(changes, body);
    if (Object.keys(input).length === 0) throw invalidRequest([{ path: 'body', message: 'nothing to change' }]);
    return this.users.update(actor, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() actor: AuthenticatedUser, @Param('id', uuid) id: string) {
    return this.users.remove(actor, id);
  }
}

import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ROLES } from '@workflows/common/roles';
import { invalidRequest } from '../errors/api-error';
import { Answers, Errors, UuidParam, ZodBody } from '../openapi/documented-operation';
import { managedUserSchema, publicUserSchema } from './user.schemas';
import { UsersService } from './users.service';

const password = z.string().min(8).max(200);
const roles = z.array(z.enum(ROLES)).min(1);
const newUser = z
  .strictObject({
    username: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[a-zA-Z0-9._-]+$/),
    password,
    roles,
    scopeOrgId: z.uuid().nullable().optional(),
  })
  .meta({ id: 'NewUser', title: 'Tài khoản mới / new account' });
const changes = z
  .strictObject({
    roles: roles.optional(),
    scopeOrgId: z.uuid().nullable().optional(),
    password: password.optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'UserChanges', title: 'Thay đổi tài khoản / account changes' });
const USER_NOT_FOUND = 'Không tìm thấy người dùng / user not found';

/** Accounts, managed by admins within their subtree. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Tạo tài khoản / Create an account' })
  @Answers(201, publicUserSchema, { description: 'Created' })
  @Errors('FORBIDDEN', 'NOT_FOUND', 'USERNAME_TAKEN')
  create(@CurrentUser() actor: AuthenticatedUser, @ZodBody(newUser) input: z.infer<typeof newUser>) {
    return this.users.create(actor, { ...input, scopeOrgId: input.scopeOrgId ?? null });
  }

  @Get()
  @ApiOperation({ summary: 'Các tài khoản trong phạm vi / Accounts in the caller’s scope' })
  @Answers(200, z.array(managedUserSchema))
  @Errors('FORBIDDEN')
  list(@CurrentUser() actor: AuthenticatedUser) {
    return this.users.list(actor);
  }

  /** Roles, scope, password or `disabled`: any change revokes the user's access tokens at once. */
  @Patch(':id')
  @ApiOperation({ summary: 'Đổi vai trò, phạm vi, mật khẩu hoặc khóa tài khoản / Change or disable an account' })
  @Answers(200, managedUserSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND', 'CANNOT_CHANGE_SELF')
  update(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidParam('id', USER_NOT_FOUND) id: string,
    @ZodBody(changes) input: z.infer<typeof changes>,
  ) {
    if (Object.keys(input).length === 0)
      throw invalidRequest([{ path: 'body', message: 'Không có gì để thay đổi / nothing to change' }]);
    return this.users.update(actor, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Xóa tài khoản / Delete an account' })
  @Answers(204, undefined, { description: 'No Content' })
  @Errors('FORBIDDEN', 'NOT_FOUND', 'CANNOT_CHANGE_SELF')
  remove(@CurrentUser() actor: AuthenticatedUser, @UuidParam('id', USER_NOT_FOUND) id: string) {
    return this.users.remove(actor, id);
  }
}

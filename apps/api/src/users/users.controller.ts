import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@libs/auth';
import { ROLES } from '@workflows/common/roles';
import { parseBody } from '../zod-body';
import { UsersService } from './users.service';

const newUser = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[a-zA-Z0-9._-]+$/),
  password: z.string().min(8).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  scopeOrgId: z.uuid().nullable().optional(),
});

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown) {
    const input = parseBody(newUser, body);
    return this.users.create({ ...input, scopeOrgId: input.scopeOrgId ?? null });
  }

  @Get()
  list() {
    return this.users.list();
  }
}

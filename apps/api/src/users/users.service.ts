import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword } from '@libs/auth';
import { OrganizationEntity, UserEntity } from '@libs/persistence';
import type { Role } from '@workflows/common/roles';
import { ApiError, notFound } from '../errors/api-error';

export interface NewUser {
  username: string;
  password: string;
  roles: Role[];
  scopeOrgId: string | null;
}

export interface PublicUser {
  id: string;
  username: string;
  roles: Role[];
  scopeOrgId: string | null;
}

export const publicUser = ({ id, username, roles, scopeOrgId }: UserEntity): PublicUser => ({
  id,
  username,
  roles,
  scopeOrgId,
});

@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: NewUser): Promise<PublicUser> {
    const onlyAdmin = input.roles.every((role) => role === 'admin');
    if (!input.scopeOrgId && !onlyAdmin)
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'INVALID_REQUEST',
        'Người dùng không phải quản trị phải có phạm vi tổ chức / non-admin users need a scope organisation',
      );
    if (
      input.scopeOrgId &&
      !(await this.dataSource.getRepository(OrganizationEntity).existsBy({ id: input.scopeOrgId }))
    )
      throw notFound('Không tìm thấy tổ chức / scope organisation not found');
    const repository = this.dataSource.getRepository(UserEntity);
    if (await repository.existsBy({ username: input.username }))
      throw new ApiError(
        HttpStatus.CONFLICT,
        'USERNAME_TAKEN',
        `Tên đăng nhập ${input.username} đã tồn tại / username taken`,
      );
    const saved = await repository.save(
      repository.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        roles: [...new Set(input.roles)],
        scopeOrgId: input.scopeOrgId,
      }),
    );
    return publicUser(saved);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username });
  }

  async list(): Promise<PublicUser[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ order: { username: 'ASC' } });
    return users.map(publicUser);
  }

  /** ADMIN_USERNAME / ADMIN_PASSWORD create that admin at start when no such user exists. */
  async ensureAdmin(admin: { username: string; password: string } | null): Promise<boolean> {
    if (!admin || (await this.findByUsername(admin.username))) return false;
    await this.create({ ...admin, roles: ['admin'], scopeOrgId: null });
    return true;
  }
}

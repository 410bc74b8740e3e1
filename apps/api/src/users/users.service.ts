import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ForbiddenRoleError,
  hashPassword,
  inScope,
  type AuthenticatedUser,
  type CurrentAccess,
  type UserAccessReader,
} from '@libs/auth';
import { OrganizationEntity, preparedStatement, UserEntity } from '@libs/persistence';
import type { Role } from '@workflows/common/roles';
import { ApiError, notFound } from '../errors/api-error';

export interface NewUser {
  username: string;
  password: string;
  roles: Role[];
  scopeOrgId: string | null;
}

export interface UserChanges {
  roles?: Role[];
  scopeOrgId?: string | null;
  password?: string;
  disabled?: boolean;
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

/** What an admin sees of a user: the public fields and whether the account is disabled. */
const managedUser = (user: UserEntity) => ({ ...publicUser(user), disabled: user.disabledAt !== null });

/**
 * A user's access now (`CurrentAccess`: no row when disabled or deleted), for the user whose id is in `userId`: the
 * one text of what tokens are checked against, for the guard's read and for a statement that reads it with more.
 */
export const currentAccessSql = (userId: string) =>
  `SELECT u.token_version AS "tokenVersion", u.scope_org_id AS "scopeOrgId", o.path AS "scopePath"
   FROM users u LEFT JOIN organizations o ON o.id = u.scope_org_id
   WHERE u.id = ${userId} AND u.disabled_at IS NULL AND u.deleted_at IS NULL`;

/** What every request's token is checked against (revoked, disabled, deleted, rescoped), by user id. */
const CURRENT_ACCESS_SQL = preparedStatement('users.current-access', currentAccessSql('$1'));

const userNotFound = () => notFound('Không tìm thấy người dùng / user not found');

/**
 * Users and their rights. An admin manages only the users whose scope lies inside their own subtree; users without
 * a scope (admins of everything) are managed only by an admin without a scope.
 */
@Injectable()
export class UsersService implements UserAccessReader {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(UserEntity);
  }

  async currentAccess(userId: string): Promise<CurrentAccess | null> {
    const [row] = await this.dataSource.query(CURRENT_ACCESS_SQL, [userId]);
    return row ?? null;
  }

  /** The path of a scope the actor may give: inside the actor's subtree; none only for an admin of everything. */
  private async grantableScope(actor: AuthenticatedUser | null, scopeOrgId: string | null, roles: Role[]) {
    if (!scopeOrgId) {
      if (!roles.every((role) => role === 'admin'))
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'INVALID_REQUEST',
          'Người dùng không phải quản trị phải có phạm vi tổ chức / non-admin users need a scope organisation',
        );
      if (actor && actor.scopePath !== null)
        throw new ForbiddenRoleError(
          'Chỉ quản trị toàn hệ thống được tạo người dùng không giới hạn phạm vi / only an admin of everything may grant an unlimited scope',
        );
      return;
    }
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: scopeOrgId });
    if (!organization || (actor && !inScope(actor, organization.path)))
      throw notFound('Không tìm thấy tổ chức / scope organisation not found');
  }

  /** `actor` null: the system itself (the seed, ADMIN_USERNAME at start), bound by no scope. */
  async create(actor: AuthenticatedUser | null, input: NewUser): Promise<PublicUser> {
    await this.grantableScope(actor, input.scopeOrgId, input.roles);
    if (await this.repository.existsBy({ username: input.username }))
      throw new ApiError(
        HttpStatus.CONFLICT,
        'USERNAME_TAKEN',
        `Tên đăng nhập ${input.username} đã tồn tại / username taken`,
      );
    const saved = await this.repository.save(
      this.repository.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        roles: [...new Set(input.roles)],
        scopeOrgId: input.scopeOrgId,
      }),
    );
    return publicUser(saved);
  }

  /** A user who can log in (neither disabled nor deleted), by username. */
  findActiveByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.username = :username AND u.disabled_at IS NULL AND u.deleted_at IS NULL', { username })
      .getOne();
  }

  /** The users the actor manages, deleted ones left out. */
  async list(actor: AuthenticatedUser) {
    const users: UserEntity[] = await this.repository
      .createQueryBuilder('u')
      .leftJoin(OrganizationEntity, 'o', 'o.id = u.scope_org_id')
      .where('u.deleted_at IS NULL')
      .andWhere(actor.scopePath === null ? '1 = 1' : 'o.path LIKE :prefix', { prefix: `${actor.scopePath}%` })
      .orderBy('u.username')
      .getMany();
    return users.map(managedUser);
  }

  /** A user the actor manages, else 404 (a user outside the actor's subtree is not revealed). */
  private async managed(actor: AuthenticatedUser, id: string): Promise<UserEntity> {
    const user = await this.repository.findOneBy({ id });
    if (!user || user.deletedAt) throw userNotFound();
    if (actor.scopePath === null) return user;
    if (!user.scopeOrgId) throw userNotFound();
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: user.scopeOrgId });
    if (!organization || !inScope(actor, organization.path)) throw userNotFound();
    return user;
  }

  private refuseSelf(actor: AuthenticatedUser, user: UserEntity, what: string) {
    if (actor.id === user.id)
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'CANNOT_CHANGE_SELF',
        `Không thể tự ${what} tài khoản của mình / an admin cannot ${what === 'khóa' ? 'disable' : 'change the rights of'} their own account`,
      );
  }

  /** Changes roles, scope, password or the disabled flag; any change revokes the user's tokens at once. */
  async update(actor: AuthenticatedUser, id: string, changes: UserChanges) {
    const user = await this.managed(actor, id);
    const roles = changes.roles ? [...new Set(changes.roles)] : user.roles;
    const scopeOrgId = changes.scopeOrgId !== undefined ? changes.scopeOrgId : user.scopeOrgId;
    if (changes.roles || changes.scopeOrgId !== undefined) {
      this.refuseSelf(actor, user, 'đổi quyền');
      await this.grantableScope(actor, scopeOrgId, roles);
    }
    if (changes.disabled) this.refuseSelf(actor, user, 'khóa');
    const disabledAt =
      changes.disabled === undefined ? user.disabledAt : changes.disabled ? (user.disabledAt ?? new Date()) : null;
    const passwordHash = changes.password ? await hashPassword(changes.password) : user.passwordHash;
    await this.repository.update(
      { id },
      { roles, scopeOrgId, disabledAt, passwordHash, tokenVersion: () => 'token_version + 1' },
    );
    return managedUser({ ...user, roles, scopeOrgId, disabledAt } as UserEntity);
  }

  /** Deletes a user: the row stays, since the history names its actors, but the user can never log in again. */
  async remove(actor: AuthenticatedUser, id: string): Promise<void> {
    const user = await this.managed(actor, id);
    this.refuseSelf(actor, user, 'khóa');
    await this.dataSource.query(
      `UPDATE users SET deleted_at = now(), disabled_at = coalesce(disabled_at, now()),
         token_version = token_version + 1 WHERE id = $1`,
      [user.id],
    );
  }

  /** ADMIN_USERNAME / ADMIN_PASSWORD create that admin at start when no such user exists. */
  async ensureAdmin(admin: { username: string; password: string } | null): Promise<boolean> {
    if (!admin || (await this.repository.existsBy({ username: admin.username }))) return false;
    await this.create(null, { ...admin, roles: ['admin'], scopeOrgId: null });
    return true;
  }
}

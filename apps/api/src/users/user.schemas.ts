import { z } from 'zod';
import { ROLES } from '@workflows/common/roles';

const publicUser = z.object({
  id: z.uuid(),
  username: z.string(),
  roles: z.array(z.enum(ROLES)),
  scopeOrgId: z.uuid().nullable(),
});

/** `publicUser`: who a user is, as the login and the creation of a user answer it. */
export const publicUserSchema = publicUser.meta({ id: 'User', title: 'Người dùng / user' });

/** `managedUser`: what an admin sees of a user. */
export const managedUserSchema = publicUser
  .extend({ disabled: z.boolean() })
  .meta({ id: 'ManagedUser', title: 'Tài khoản / account' });

import type { Role } from '@workflows/common/roles';

/** What the access token says about its holder. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  roles: Role[];
  scopeOrgId: string | null;
  /** Materialised path of the scope organisation; null reaches every organisation. */
  scopePath: string | null;
  /** The user's token version when the token was issued: a later change of their rights revokes the token. */
  tokenVersion: number;
}

/** Only an admin of everything (no scope organisation) may change what concerns the whole country. */
export const isUnscopedAdmin = (user: Pick<AuthenticatedUser, 'roles' | 'scopePath'>) =>
  user.roles.includes('admin') && user.scopePath === null;

export function inScope(user: Pick<AuthenticatedUser, 'scopePath'>, orgPath: string): boolean {
  return user.scopePath === null || orgPath.startsWith(user.scopePath);
}

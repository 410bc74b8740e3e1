import type { Role } from '@workflows/common/roles';

/** What the access token says about its holder. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  roles: Role[];
  scopeOrgId: string | null;
  /** Materialised path of the scope organisation; null reaches every organisation. */
  scopePath: string | null;
}

export function inScope(user: Pick<AuthenticatedUser, 'scopePath'>, orgPath: string): boolean {
  return user.scopePath === null || orgPath.startsWith(user.scopePath);
}

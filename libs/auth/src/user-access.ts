export const USER_ACCESS = Symbol('USER_ACCESS');

/** A user's access as it is now. */
export interface CurrentAccess {
  tokenVersion: number;
  scopeOrgId: string | null;
  scopePath: string | null;
}

/** Where the current state of a user's access is read, on every request. */
export interface UserAccessReader {
  /** The user's token version and scope now; null when the user is unknown, disabled or deleted. */
  currentAccess(userId: string): Promise<CurrentAccess | null>;
}

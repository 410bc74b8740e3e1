import type { Role } from '@workflows/common/roles';

export interface Actor {
  id: string;
  username: string;
  roles: Role[];
}

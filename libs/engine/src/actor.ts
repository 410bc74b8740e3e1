import type { Role } from '../../../workflows/common/src/roles';

export interface Actor {
  id: string;
  username: string;
  roles: Role[];
}

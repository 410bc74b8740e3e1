import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@workflows/common/roles';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { unique: true }) username: string;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  /** The top of the subtree the user works in; null for an admin of everything. */
  @Column('uuid', { name: 'scope_org_id', nullable: true }) scopeOrgId: string | null;
  /** Carried by every access token; bumped when the user's rights change, which revokes the tokens issued before. */
  @Column('integer', { name: 'token_version', default: 1 }) tokenVersion: number;
  @Column('timestamptz', { name: 'disabled_at', nullable: true }) disabledAt: Date | null;
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

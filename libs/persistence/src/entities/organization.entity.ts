import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganizationKind } from '@workflows/common/organization-kinds';

export { ORGANIZATION_KINDS, type OrganizationKind } from '@workflows/common/organization-kinds';

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') kind: OrganizationKind;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  /** Materialised path of ids, `/root/…/self/`: a subtree is a prefix query. */
  @Column('text') path: string;
  @Column('boolean', { name: 'delegated_admission' }) delegatedAdmission: boolean;
  @Column('integer', { name: 'committee_size', nullable: true }) committeeSize: number | null;
  /** The day it was set up; null when it existed before the records. */
  @Column('date', { name: 'opened_on', nullable: true }) openedOn: string | null;
  /** The day from which it no longer exists (closed, or merged into `mergedIntoId`). */
  @Column('date', { name: 'closed_on', nullable: true }) closedOn: string | null;
  @Column('uuid', { name: 'merged_into_id', nullable: true }) mergedIntoId: string | null;
  /** A Youth Union organisation exists in the unit (cells and grassroots cells; Charter art. 4.1). */
  @Column('boolean', { name: 'youth_union_present' }) youthUnionPresent: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

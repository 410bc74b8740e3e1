import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type DeadlineStatus = 'open' | 'done' | 'cancelled';

/** One row per deadline of a dossier; at most one open row per kind. */
@Entity('deadlines')
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'dossier_id' }) dossierId: string;
  @Column('text') kind: string;
  @Column('text') label: string;
  @Column('text') audience: string;
  @Column('date', { name: 'anchor_on' }) anchorOn: string;
  @Column('date', { name: 'due_on' }) dueOn: string;
  @Column('integer', { name: 'lead_working_days' }) leadWorkingDays: number;
  @Column('boolean', { name: 'is_step' }) isStep: boolean;
  @Column('text') status: DeadlineStatus;
  @Column('date', { name: 'closed_on', nullable: true }) closedOn: string | null;
  @Column('boolean', { nullable: true }) late: boolean | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

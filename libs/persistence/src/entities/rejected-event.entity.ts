import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event refused by a rule: kept for the record (a failed cell vote, say), outside the dossier. */
@Entity('rejected_events')
export class RejectedEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'dossier_id' }) dossierId: string;
  @Column('text') type: string;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_username' }) actorUsername: string;
  @Column('date', { name: 'occurred_on', nullable: true }) occurredOn: string | null;
  @Column('text') rule: string;
  @Column('text') message: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}

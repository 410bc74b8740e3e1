import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One accepted event; the table is append-only (a trigger refuses updates and deletes). */
@Entity('dossier_events')
export class DossierEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'dossier_id' }) dossierId: string;
  @Column('integer') seq: number;
  @Column('text') type: string;
  @Column('jsonb') payload: Record<string, unknown>;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_username' }) actorUsername: string;
  @Column('date', { name: 'occurred_on' }) occurredOn: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('jsonb', { name: 'from_state', nullable: true }) fromState: unknown;
  @Column('jsonb', { name: 'to_state' }) toState: unknown;
  @Column('text', { name: 'policy_version' }) policyVersion: string;
  /** Set by the trigger `dossier_events_hash_chain`: the previous event's hash, and this row's link in the chain. */
  @Column('text', { name: 'prev_hash', nullable: true }) prevHash: string | null;
  @Column('text') hash: string;
}

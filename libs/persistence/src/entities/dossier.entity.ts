import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('dossiers')
export class DossierEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'workflow_name' }) workflowName: string;
  @Column('integer', { name: 'workflow_version' }) workflowVersion: number;
  @Column('uuid', { name: 'cell_id' }) cellId: string;
  @Column('text', { name: 'org_path' }) orgPath: string;
  /** The top-level state, for filters; `stateValue` holds the full value of parallel states. */
  @Column('text') state: string;
  @Column('jsonb', { name: 'state_value' }) stateValue: unknown;
  @Column('jsonb') snapshot: unknown;
  @Column('integer') version: number;
  @Column('jsonb') candidate: Record<string, unknown>;
  @Column('text', { name: 'full_name' }) fullName: string;
  @Column('text', { name: 'national_id', nullable: true }) nationalId: string | null;
  /** Name and national id folded for search (no diacritics, lower case), written by the engine. */
  @Column('text', { name: 'search_text' }) searchText: string;
  @Column('jsonb') dates: Record<string, string | null>;
  @Column('date', { name: 'identified_on', nullable: true }) identifiedOn: string | null;
  @Column('date', { name: 'decision_on', nullable: true }) decisionOn: string | null;
  @Column('date', { name: 'admitted_on', nullable: true }) admittedOn: string | null;
  @Column('date', { name: 'party_age_from', nullable: true }) partyAgeFrom: string | null;
  @Column('date', { name: 'probation_ends_on', nullable: true }) probationEndsOn: string | null;
  @Column('date', { name: 'official_from', nullable: true }) officialFrom: string | null;
  @Column('date', { name: 'closed_on', nullable: true }) closedOn: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

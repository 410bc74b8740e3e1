import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The year's official extra days off and make-up working days, entered by an admin. */
@Entity('calendar_overrides')
export class CalendarOverrideEntity {
  @PrimaryColumn('date') date: string;
  @Column('text') kind: 'dayOff' | 'workingDay';
  @Column('text') note: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A day's wake-up call reads the open deadlines whose lead reminder fires that day: for each lead, the due dates one
 * working day wide that many working days ahead (reminder-day.ts). By lead, then due date, it reads only those; by due
 * date alone it read every deadline due before the longest lead, however few have it.
 */
export class OpenDeadlinesByLead1765900000000 implements MigrationInterface {
  name = 'OpenDeadlinesByLead1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX deadlines_open_by_lead ON deadlines (lead_working_days, due_on) WHERE status = 'open'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX deadlines_open_by_lead');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every transition and every dossier view reads the dossier's deadlines: without this, a scan of them all. */
export class DeadlinesByDossier1764590400000 implements MigrationInterface {
  name = 'DeadlinesByDossier1764590400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX deadlines_by_dossier ON deadlines (dossier_id)');
    await db.query('CREATE INDEX notifications_by_deadline ON notifications (deadline_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX notifications_by_deadline');
    await db.query('DROP INDEX deadlines_by_dossier');
  }
}

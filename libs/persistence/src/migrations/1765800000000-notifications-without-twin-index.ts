import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `notifications_by_deadline` repeated the first column of the unique (deadline_id, kind, due_on, user_id) index,
 * which serves the same lookups: every reminder paid for both.
 */
export class NotificationsWithoutTwinIndex1765800000000 implements MigrationInterface {
  name = 'NotificationsWithoutTwinIndex1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX notifications_by_deadline');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX notifications_by_deadline ON notifications (deadline_id)');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports ask whether any dossier ever changed hands: until one has, the historical tree is today's. */
export class HoldingsEnded1764900000002 implements MigrationInterface {
  name = 'HoldingsEnded1764900000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX dossier_holdings_ended ON dossier_holdings (dossier_id) WHERE NOT upper_inf(during)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX dossier_holdings_ended');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dossier list shows the most recently changed first: its page is read from this index (20 entries) instead of
 * sorting every dossier in scope (a committee's 10,000 at each page).
 */
export class DossiersByUpdate1765700000000 implements MigrationInterface {
  name = 'DossiersByUpdate1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX dossiers_updated_at ON dossiers (updated_at DESC, id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX dossiers_updated_at');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchTextOf } from '@workflows/common/search-text';

const BATCH = 5000;

/**
 * One open dossier per person (số định danh cá nhân), enforced by the database so that two requests at once cannot
 * both create one; and a search column folded by the application (no diacritics, lower case), so that the search
 * needs no `unaccent` extension. A trigram index serves `LIKE '%…%'` where `pg_trgm` can be installed.
 */
export class CandidateIdentity1764800000000 implements MigrationInterface {
  name = 'CandidateIdentity1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dossiers
      ADD COLUMN national_id text CHECK (national_id ~ '^[0-9]{12}$'),
      ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    await db.query(`UPDATE dossiers SET national_id = candidate->>'nationalId' WHERE candidate ? 'nationalId'`);
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const rows: { id: string; fullName: string; nationalId: string | null }[] = await db.query(
        `SELECT id, full_name AS "fullName", national_id AS "nationalId" FROM dossiers WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, BATCH],
      );
      if (!rows.length) break;
      await db.query(
        `UPDATE dossiers d SET search_text = s.text FROM unnest($1::uuid[], $2::text[]) AS s(id, text) WHERE d.id = s.id`,
        [rows.map((row) => row.id), rows.map((row) => searchTextOf([row.fullName, row.nationalId]))],
      );
      after = rows[rows.length - 1].id;
    }
    // Open: not closed by an outcome. Its name is what the engine recognises in a unique violation.
    await db.query(`CREATE UNIQUE INDEX dossiers_one_open_per_national_id ON dossiers (national_id)
      WHERE national_id IS NOT NULL AND closed_on IS NULL`);
    await db.query('CREATE INDEX dossiers_national_id ON dossiers (national_id)');
    if (await this.trigramsAvailable(db))
      await db.query('CREATE INDEX dossiers_search_text ON dossiers USING gin (search_text gin_trgm_ops)');
    else await db.query('CREATE INDEX dossiers_search_text ON dossiers (search_text text_pattern_ops)');
  }

  /** pg_trgm is in PostgreSQL's contrib, which an embedded server may lack, and needs the right to create it. */
  private async trigramsAvailable(db: QueryRunner): Promise<boolean> {
    const [available] = await db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'");
    if (!available) return false;
    await db.query('SAVEPOINT trigrams');
    try {
      await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await db.query('RELEASE SAVEPOINT trigrams');
      return true;
    } catch {
      await db.query('ROLLBACK TO SAVEPOINT trigrams');
      return false;
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX dossiers_search_text');
    await db.query('DROP INDEX dossiers_national_id');
    await db.query('DROP INDEX dossiers_one_open_per_national_id');
    await db.query('ALTER TABLE dossiers DROP COLUMN search_text, DROP COLUMN national_id');
  }
}

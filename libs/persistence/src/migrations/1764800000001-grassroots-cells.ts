import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grassroots cells (chi bộ cơ sở, Charter art. 21): a cell that is its own grassroots organisation, under a
 * committee. Cells and grassroots cells record whether a Youth Union organisation exists in the unit (art. 4.1).
 */
export class GrassrootsCells1764800000001 implements MigrationInterface {
  name = 'GrassrootsCells1764800000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check');
    await db.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check
      CHECK (kind IN ('committee', 'grassroots', 'section', 'cell', 'grassrootsCell'))`);
    await db.query('ALTER TABLE organizations ADD COLUMN youth_union_present boolean NOT NULL DEFAULT true');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE organizations DROP COLUMN youth_union_present');
    await db.query('ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check');
    await db.query(`ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check
      CHECK (kind IN ('committee', 'grassroots', 'section', 'cell'))`);
  }
}

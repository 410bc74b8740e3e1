import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a Youth Union organisation exists in a unit (Charter art. 4.1) changes over time like the other
 * attributes of an organisation: each version keeps the value it had. The versions recorded so far take today's.
 */
export class YouthUnionOverTime1765300000000 implements MigrationInterface {
  name = 'YouthUnionOverTime1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE organization_versions ADD COLUMN youth_union_present boolean NOT NULL DEFAULT true');
    await db.query(`UPDATE organization_versions v SET youth_union_present = o.youth_union_present
      FROM organizations o WHERE o.id = v.org_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE organization_versions DROP COLUMN youth_union_present');
  }
}

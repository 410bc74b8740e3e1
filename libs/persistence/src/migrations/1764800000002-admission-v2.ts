import type { MigrationInterface, QueryRunner } from 'typeorm';
import { upgradeV1Context, type V1Context } from '../../../../workflows/admission/src/upgrade-v1';

const BATCH = 2000;

/**
 * The admission workflow, second edition (v2). Its changes correct the reading of the same regulations, so running
 * v1 dossiers move to it rather than keep v1's refusals: their snapshots gain the v2 context (votes in one list).
 * Events keep the snapshot they led to, so that a mistaken one can be voided (VOID_LAST_EVENT); earlier events have
 * none and cannot be.
 */
export class AdmissionV21764800000002 implements MigrationInterface {
  name = 'AdmissionV21764800000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE dossier_events ADD COLUMN snapshot jsonb');
    for (;;) {
      const rows: { id: string; snapshot: { context: V1Context } }[] = await db.query(
        `SELECT id, snapshot FROM dossiers WHERE workflow_name = 'admission' AND workflow_version = 1 LIMIT $1`,
        [BATCH],
      );
      if (!rows.length) break;
      const upgraded = rows.map((row) =>
        JSON.stringify({ ...row.snapshot, context: upgradeV1Context(row.snapshot.context) }),
      );
      await db.query(
        `UPDATE dossiers d SET snapshot = u.snapshot::jsonb, workflow_version = 2
         FROM unnest($1::uuid[], $2::text[]) AS u(id, snapshot) WHERE d.id = u.id`,
        [rows.map((row) => row.id), upgraded],
      );
    }
  }

  async down(): Promise<void> {
    throw new Error('The admission v2 upgrade cannot be undone: v1 refused what v2 records.');
  }
}

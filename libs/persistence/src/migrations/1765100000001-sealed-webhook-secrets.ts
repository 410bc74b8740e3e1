import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dataKeysFrom } from '../data-keys';
import { isSealed, seal } from '../sealed-secret';

/**
 * Webhook signing secrets are encrypted at rest with DATA_KEY (from the environment of the process that migrates:
 * the launcher or the API). Existing plaintext secrets are sealed here; a delivery no longer pending for an
 * inactive webhook is `cancelled`.
 */
export class SealedWebhookSecrets1765100000001 implements MigrationInterface {
  name = 'SealedWebhookSecrets1765100000001';

  async up(db: QueryRunner): Promise<void> {
    const keys = dataKeysFrom(process.env);
    const rows: { id: string; secret: string }[] = await db.query('SELECT id, secret FROM webhooks');
    for (const row of rows.filter((row) => !isSealed(row.secret)))
      await db.query('UPDATE webhooks SET secret = $2 WHERE id = $1', [row.id, seal(row.secret, keys.current, row.id)]);
    await db.query('ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_status_check');
    await db.query(`ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_status_check
      CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled'))`);
  }

  async down(): Promise<void> {
    throw new Error('Sealed secrets are not turned back into plaintext');
  }
}

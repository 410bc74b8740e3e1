import type { DataSource } from 'typeorm';
import { isSealed, seal, sealingKey, unseal, type DataKeys } from '@libs/persistence';

/**
 * Rotation of DATA_KEY: every webhook secret not sealed with the current key is opened with the previous key (or
 * taken as plaintext from before encryption) and sealed again with the current one, each in its own statement so a
 * rerun after an interruption finishes the job. A secret sealed with a key that is not configured stops the run.
 */
export async function resealWebhookSecrets(dataSource: DataSource, keys: DataKeys) {
  const rows: { id: string; secret: string }[] = await dataSource.query('SELECT id, secret FROM webhooks ORDER BY id');
  let resealed = 0;
  for (const row of rows) {
    if (isSealed(row.secret) && sealingKey(row.secret, keys)?.id === keys.current.id) continue;
    const plain = isSealed(row.secret) ? unseal(row.secret, keys, row.id) : row.secret;
    await dataSource.query('UPDATE webhooks SET secret = $2 WHERE id = $1 AND secret = $3', [
      row.id,
      seal(plain, keys.current, row.id),
      row.secret,
    ]);
    resealed += 1;
  }
  return { webhooks: rows.length, resealed, keyId: keys.current.id };
}

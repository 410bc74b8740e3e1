import 'reflect-metadata';
import { loadConfig } from '@libs/config';
import { exitOnFailure, processLogger } from '@libs/logging';
import { openDatabase } from '@libs/persistence';
import { resealWebhookSecrets } from '@libs/reminders';

/**
 * `npm run rotate-data-key`: with the new key in DATA_KEY and the old one in DATA_KEY_PREVIOUS, seals every stored
 * secret again with the new key. Run it while the service runs with both keys set; then drop DATA_KEY_PREVIOUS.
 */
async function rotate() {
  const config = loadConfig();
  const log = processLogger('RotateDataKey');
  if (!config.dataKeys.previous)
    log.warn('DATA_KEY_PREVIOUS is not set: only plaintext secrets can be sealed with DATA_KEY');
  const dataSource = await openDatabase(config.databaseUrl, 2);
  try {
    const { webhooks, resealed, keyId } = await resealWebhookSecrets(dataSource, config.dataKeys);
    log.info(
      `Đã mã hóa lại ${resealed}/${webhooks} khóa ký webhook bằng khóa ${keyId} / resealed ${resealed} of ${webhooks}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

rotate().catch(exitOnFailure('RotateDataKey'));

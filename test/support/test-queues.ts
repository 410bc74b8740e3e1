import { Redis } from 'ioredis';
import type { AppConfig } from '@libs/config';

/** Deletes the BullMQ keys of one test run (its own prefix), leaving any other user of the Redis alone. */
export async function dropQueues(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.queuePrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

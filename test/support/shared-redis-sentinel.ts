import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueConnection, REMINDER_QUEUE } from '@libs/reminders';

/**
 * CI's proof that the suite leaves the shared Redis alone: `set` leaves a key and a delayed BullMQ job under a
 * prefix of its own (as a running demo would have), `check` after `npm test` finds both as they were, then removes them.
 * Usage: tsx test/support/shared-redis-sentinel.ts set|check <prefix>
 */
const [action, prefix] = process.argv.slice(2);
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JOB_ID = 'sentinel-job';
const VALUE = 'còn nguyên';

async function main(): Promise<void> {
  if (!prefix || !['set', 'check'].includes(action)) throw new Error('usage: set|check <prefix>');
  const redis = new Redis(url);
  const queue = new Queue(REMINDER_QUEUE, { connection: queueConnection(url), prefix });
  try {
    if (action === 'set') {
      await redis.set(`${prefix}:sentinel`, VALUE);
      await queue.add('lead', { sentinel: true }, { jobId: JOB_ID, delay: 3_600_000 });
      console.log(`Sentinel set in the shared Redis under "${prefix}"`);
      return;
    }
    const value = await redis.get(`${prefix}:sentinel`);
    const job = await queue.getJob(JOB_ID);
    const delayed = job ? await job.isDelayed() : false;
    await queue.obliterate({ force: true });
    await redis.del(`${prefix}:sentinel`);
    if (value !== VALUE || !delayed)
      throw new Error(
        `The shared Redis was touched: sentinel key ${value ?? 'missing'}, job ${delayed ? 'kept' : 'lost'}`,
      );
    console.log(`Sentinel key and delayed job under "${prefix}" are intact after the suite`);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

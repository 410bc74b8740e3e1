import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { webhookDeliveryJob, type WebhookJob } from './queues';

/** Pending deliveries written more than a minute ago: their job, queued after the reminder's commit, should exist. */
const PENDING_SQL = `SELECT id::text FROM webhook_deliveries
  WHERE status = 'pending' AND created_at < now() - interval '1 minute' ORDER BY created_at`;

/**
 * Queues again the pending webhook deliveries that have no job in Redis: the reminder's transaction committed the
 * delivery, then queueing its job failed (Redis away at that moment) or Redis lost it. A delivery whose job ran out
 * of attempts keeps it, failed, and is not tried again.
 */
export async function requeueLostDeliveries(dataSource: DataSource, webhooks: Queue<WebhookJob>): Promise<number> {
  const pending: { id: string }[] = await dataSource.query(PENDING_SQL);
  const states = await Promise.all(pending.map(({ id }) => webhooks.getJobState(webhookDeliveryJob(id).opts.jobId)));
  const lost = pending.filter((_, i) => states[i] === 'unknown');
  if (lost.length) await webhooks.addBulk(lost.map(({ id }) => webhookDeliveryJob(id)));
  return lost.length;
}

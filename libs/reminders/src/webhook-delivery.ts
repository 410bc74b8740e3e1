import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';

export const SIGNATURE_HEADER = 'x-signature-256';
export const DELIVERY_HEADER = 'x-delivery-id';

/** `sha256=<hex HMAC of the raw body>`: the receiver recomputes it with the organisation's secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class WebhookRejectedError extends Error {}

/**
 * One attempt at a delivery. A delivered one is not sent again; a failed attempt throws, and BullMQ retries
 * with backoff. The receiver can use the delivery id to drop a repeat it already processed.
 */
export async function deliverWebhook(
  dataSource: DataSource,
  deliveryId: string,
  timeoutMs = 10_000,
): Promise<'delivered' | 'skipped'> {
  const [delivery] = await dataSource.query(
    `SELECT d.id, d.body, d.status, w.url, w.secret FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
     WHERE d.id = $1`,
    [deliveryId],
  );
  if (!delivery || delivery.status === 'delivered') return 'skipped';
  const body = JSON.stringify(delivery.body);
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(body, delivery.secret),
        [DELIVERY_HEADER]: delivery.id,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    statusCode = response.status;
    if (!response.ok) error = `HTTP ${response.status}`;
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  await dataSource.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
       status = CASE WHEN $3::text IS NULL THEN 'delivered' ELSE status END,
       delivered_at = CASE WHEN $3::text IS NULL THEN now() ELSE delivered_at END
     WHERE id = $1`,
    [deliveryId, statusCode, error],
  );
  if (error) throw new WebhookRejectedError(`Delivery ${deliveryId} failed: ${error}`);
  return 'delivered';
}

export async function markDeliveryFailed(dataSource: DataSource, deliveryId: string): Promise<void> {
  await dataSource.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [
    deliveryId,
  ]);
}

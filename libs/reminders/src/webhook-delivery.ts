import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DataSource } from 'typeorm';
import { unseal, type DataKeys } from '@libs/persistence';
import { WebhookTargetRefusedError, type WebhookTargetPolicy } from './webhook-target';

export const SIGNATURE_HEADER = 'x-signature-256';
export const DELIVERY_HEADER = 'x-delivery-id';

/** `sha256=<hex HMAC of the raw body>`: the receiver recomputes it with the organisation's secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class WebhookRejectedError extends Error {}

export interface DeliveryOptions {
  keys: DataKeys;
  targets: WebhookTargetPolicy;
  timeoutMs?: number;
}

/** POSTs the body; no redirect is followed, and the connection goes only to an address the policy allows. */
function post(url: URL, headers: Record<string, string>, body: string, options: DeliveryOptions): Promise<number> {
  // An address in the URL is never looked up: it is judged here; a name is judged at its lookup.
  const refusal = options.targets.urlRefusal(url);
  if (refusal) return Promise.reject(new WebhookTargetRefusedError(refusal));
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        lookup: options.targets.guardedLookup(hostname),
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * One attempt at a delivery. A delivered one is not sent again; one for a webhook made inactive since it was queued
 * is cancelled; one whose target the policy refuses fails at once, without retries. A failed attempt throws, and
 * BullMQ retries with backoff. The receiver can use the delivery id to drop a repeat it already processed.
 */
export async function deliverWebhook(
  dataSource: DataSource,
  deliveryId: string,
  options: DeliveryOptions,
): Promise<'delivered' | 'skipped' | 'cancelled' | 'refused'> {
  const [delivery] = await dataSource.query(
    `SELECT d.id, d.body, d.status, w.id AS "webhookId", w.url, w.secret, w.active
     FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
    [deliveryId],
  );
  if (!delivery || delivery.status !== 'pending') return 'skipped';
  if (!delivery.active) {
    await dataSource.query(`UPDATE webhook_deliveries SET status = 'cancelled' WHERE id = $1 AND status = 'pending'`, [
      deliveryId,
    ]);
    return 'cancelled';
  }
  const body = JSON.stringify(delivery.body);
  let statusCode: number | null = null;
  let error: string | null = null;
  let refused = false;
  try {
    statusCode = await post(
      new URL(delivery.url),
      {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signBody(body, unseal(delivery.secret, options.keys, delivery.webhookId)),
        [DELIVERY_HEADER]: delivery.id,
      },
      body,
      options,
    );
    if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
  } catch (failure) {
    refused = failure instanceof WebhookTargetRefusedError;
    error = failure instanceof Error ? failure.message : String(failure);
  }
  await dataSource.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
       status = CASE WHEN $3::text IS NULL THEN 'delivered' WHEN $4 THEN 'failed' ELSE status END,
       delivered_at = CASE WHEN $3::text IS NULL THEN now() ELSE delivered_at END
     WHERE id = $1`,
    [deliveryId, statusCode, error, refused],
  );
  if (refused) return 'refused';
  if (error) throw new WebhookRejectedError(`Delivery ${deliveryId} failed: ${error}`);
  return 'delivered';
}

export async function markDeliveryFailed(dataSource: DataSource, deliveryId: string): Promise<void> {
  await dataSource.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [
    deliveryId,
  ]);
}

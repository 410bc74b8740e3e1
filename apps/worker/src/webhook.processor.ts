import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  deliverWebhook,
  markDeliveryFailed,
  WEBHOOK_QUEUE,
  type DeliveryOptions,
  type WebhookJob,
} from '@libs/reminders';
import { JobHost } from './job-host';

export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');

/** Posts a signed reminder to an organisation's webhook; BullMQ retries a failure with exponential backoff. */
@Processor(WEBHOOK_QUEUE, { concurrency: 8 })
export class WebhookProcessor extends JobHost<WebhookJob> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {
    super();
  }

  async run(job: Job<WebhookJob>) {
    try {
      const outcome = await deliverWebhook(this.dataSource, job.data.deliveryId, this.options);
      this.metrics.webhookDeliveries.inc({ outcome });
      return outcome;
    } catch (error) {
      const retried = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
      this.metrics.webhookDeliveries.inc({ outcome: retried ? 'retried' : 'failed' });
      throw error;
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<WebhookJob> | undefined, error: Error) {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.warn(`Webhook delivery ${job.data.deliveryId} given up: ${error.message}`);
    await markDeliveryFailed(this.dataSource, job.data.deliveryId);
  }
}

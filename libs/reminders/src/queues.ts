import type { ConnectionOptions } from 'bullmq';
import type { LocalDate } from '@workflows/common/local-date';
import type { ReminderKind } from './reminder-plan';

export const REMINDER_QUEUE = 'reminders';
export const WEBHOOK_QUEUE = 'webhooks';
export const MAINTENANCE_QUEUE = 'maintenance';
export const RECONCILE_SCHEDULER = 'reconcile-deadlines';

export interface ReminderJob {
  deadlineId: string;
  kind: ReminderKind;
  dueOn: LocalDate;
  /** The request whose transition planned the reminder (absent when the reconciler did). */
  requestId?: string;
}

/**
 * The wake-up call of every reminder that fires on one day (at 07:00 in Vietnam, when all of them fire): the worker
 * reads which ones from PostgreSQL when it wakes up (reminder-day.ts).
 */
export interface ReminderDayJob {
  fireOn: LocalDate;
  /** None: a day's call wakes the reminders that many requests planned (the logs name each job's own). */
  requestId?: undefined;
}

/** What the reminder queue holds: one reminder due now, or the wake-up call of a day. */
export type ReminderQueueJob = ReminderJob | ReminderDayJob;

export const isDayJob = (job: ReminderQueueJob): job is ReminderDayJob => 'fireOn' in job;

export interface WebhookJob {
  deliveryId: string;
  /** The request behind the reminder that this delivery sends. */
  requestId?: string;
}

/** Redis for BullMQ: workers must never give up on a command (`maxRetriesPerRequest: null`). */
export function queueConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  };
}

/** A reminder job is tried again on failure, for about a minute in all. */
export const REMINDER_ATTEMPTS = { attempts: 6, backoff: { type: 'exponential', delay: 1_000 } };

/** Finished jobs are kept a while for the dashboard, then dropped so Redis does not grow without end. */
export const JOB_RETENTION = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** The job that posts one pending webhook delivery: its id is the delivery's, so it is queued once. */
export function webhookDeliveryJob(deliveryId: string, requestId?: string) {
  return {
    name: 'deliver',
    data: { deliveryId, ...(requestId && { requestId }) } satisfies WebhookJob,
    opts: {
      jobId: `webhook-${deliveryId}`,
      attempts: 6,
      backoff: { type: 'exponential', delay: 2_000 },
      ...JOB_RETENTION,
    },
  };
}

import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
/** A scrape does not wait for Redis longer: BullMQ's connections hold their commands until Redis comes back. */
const QUEUE_COUNTS_MS = 1000;

/** The queue's job counts, or null when Redis does not answer in time (the scrape then leaves them out). */
async function jobCountsOf(queue: Queue): Promise<Record<string, number> | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), QUEUE_COUNTS_MS);
  });
  const counts = queue.getJobCounts(...QUEUE_STATES).catch(() => null);
  return Promise.race([counts, late]).finally(() => clearTimeout(timer));
}

/**
 * The Prometheus metrics of one process (API or worker), in a registry of its own so that several applications in
 * one process (the tests) never mix their counts. Names follow Prometheus conventions: `_total` counters, `_seconds`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly transitions = new Counter({
    name: 'workflow_transitions_total',
    help: 'Events sent to dossiers, by workflow, event type and outcome (applied or the error code)',
    labelNames: ['workflow', 'event', 'outcome'],
    registers: [this.registry],
  });
  readonly ruleViolations = new Counter({
    name: 'workflow_rule_violations_total',
    help: 'Events refused by a rule of the procedure, by workflow and rule id',
    labelNames: ['workflow', 'rule'],
    registers: [this.registry],
  });
  readonly jobs = new Counter({
    name: 'queue_jobs_processed_total',
    help: 'BullMQ jobs run by this worker, by queue and outcome (completed or failed)',
    labelNames: ['queue', 'outcome'],
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'queue_job_duration_seconds',
    help: 'Time a job took to run, by queue',
    labelNames: ['queue'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    registers: [this.registry],
  });
  readonly reminders = new Counter({
    name: 'reminders_fired_total',
    help: 'Reminders that woke up, by kind and outcome (sent, stale: the step was done, duplicate, failed: tried again)',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  readonly reminderLateness = new Histogram({
    name: 'reminder_lateness_seconds',
    help: 'How long after its planned time a reminder was sent',
    buckets: [1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 24 * 3600],
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts, by outcome (delivered, failed: given up, retried, refused, cancelled, skipped)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(process: 'api' | 'worker') {
    this.registry.setDefaultLabels({ process });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Queue depths (jobs per state), read from Redis at each scrape. */
  watchQueues(queues: Queue[]): this {
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs in each BullMQ queue by state, at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await Promise.all(queues.map(jobCountsOf));
        queues.forEach((queue, i) => {
          for (const state of QUEUE_STATES)
            if (counts[i]) this.set({ queue: queue.name, state }, counts[i][state] ?? 0);
        });
      },
    });
    return this;
  }

  /** The database pool's connections: in use, idle, and requests waiting for one. */
  watchPool(dataSource: DataSource): this {
    const pool = () =>
      (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } })
        .master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the PostgreSQL pool by state (busy, idle) and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'busy' }, current.totalCount - current.idleCount);
        this.set({ state: 'idle' }, current.idleCount);
        this.set({ state: 'waiting' }, current.waitingCount);
      },
    });
    return this;
  }
}

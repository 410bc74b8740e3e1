import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { ServiceMetrics } from '@libs/metrics';

/**
 * A BullMQ processor whose jobs are logged: every line logged while a job runs carries its queue, id, name, attempt
 * and the id of the request that caused it (`requestId`, carried in the job's data), and each job ends with one line
 * saying how it went and how long it took; jobs are counted and timed by queue (metrics).
 */
export abstract class JobHost<Data extends { requestId?: string }> extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  @Inject(PinoLogger) private readonly pino: PinoLogger;
  @Inject(ServiceMetrics) protected readonly metrics: ServiceMetrics;

  protected abstract run(job: Job<Data>): Promise<unknown>;

  process(job: Job<Data>): Promise<unknown> {
    const bindings = {
      queue: job.queueName,
      jobId: job.id,
      jobName: job.name,
      attempt: job.attemptsMade + 1,
      requestId: job.data.requestId,
    };
    return this.pino.runInContext(() => this.timed(job), { bindings });
  }

  private async timed(job: Job<Data>): Promise<unknown> {
    const started = performance.now();
    const duration = () => Math.round(performance.now() - started);
    try {
      const result = await this.run(job);
      this.logger.log({ durationMs: duration() }, `job ${job.name} done`);
      this.count(job, 'completed', duration());
      return result;
    } catch (error) {
      this.logger.warn({ durationMs: duration(), err: error }, `job ${job.name} failed`);
      this.count(job, 'failed', duration());
      throw error;
    }
  }

  private count(job: Job<Data>, outcome: 'completed' | 'failed', durationMs: number): void {
    this.metrics.jobs.inc({ queue: job.queueName, outcome });
    this.metrics.jobDuration.observe({ queue: job.queueName }, durationMs / 1000);
  }
}

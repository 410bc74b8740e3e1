import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ReminderJob } from './queues';
import type { SendOutcome } from './reminder-sender';

/**
 * Jobs the reminder worker holds at once; they reach the batcher together. Enough for several full batches: BullMQ
 * hands jobs over one at a time, and while some batches are in PostgreSQL the next ones fill up (bench:reminders).
 */
export const REMINDER_CONCURRENCY = 512;
/**
 * Reminders sent by one transaction at most, and transactions under way at once: each batch waits on PostgreSQL
 * between its statements, so four keep both the worker and the database busy.
 */
export const REMINDER_BATCH = 128;
export const REMINDER_BATCHES_AT_ONCE = 4;

interface Waiting {
  job: ReminderJob;
  resolve: (outcome: SendOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the reminders the worker's concurrent jobs hand in and sends those waiting together, in batches of at
 * most `max`, with at most `atOnce` batches under way: a burst of reminders due together costs a transaction per
 * batch instead of one per reminder, and a lone reminder goes out at the next turn of the event loop. A batch that
 * fails is sent again one reminder at a time, so that one bad reminder fails alone (and its job is retried).
 */
export class ReminderBatcher {
  private waiting: Waiting[] = [];
  private underWay = 0;
  private scheduled = false;

  constructor(
    private readonly sendBatch: (jobs: ReminderJob[]) => Promise<SendOutcome[]>,
    private readonly max = REMINDER_BATCH,
    private readonly atOnce = REMINDER_BATCHES_AT_ONCE,
  ) {}

  send(job: ReminderJob): Promise<SendOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      void this.pump();
    });
  }

  /** After the current turn of the loop, so that the jobs handed in during it join the same batch. */
  private async pump(): Promise<void> {
    if (this.scheduled) return;
    this.scheduled = true;
    await nextTurn();
    this.scheduled = false;
    while (this.underWay < this.atOnce && this.waiting.length) void this.run(this.waiting.splice(0, this.max));
  }

  private async run(batch: Waiting[]): Promise<void> {
    this.underWay += 1;
    try {
      const outcomes = await this.sendBatch(batch.map((waiting) => waiting.job));
      batch.forEach((waiting, i) => waiting.resolve(outcomes[i]));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else
        for (const waiting of batch)
          await this.sendBatch([waiting.job]).then(([outcome]) => waiting.resolve(outcome), waiting.reject);
    } finally {
      this.underWay -= 1;
      if (this.waiting.length) void this.pump();
    }
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How often the pending changes of the report's kept counts are folded into them. */
export const FOLD_EVERY_MS = 60_000;

/**
 * The triggers that keep the admissions report's counts append changes to pending tables; the report reads both.
 * The worker folds the pending rows into the counts every `FOLD_EVERY_MS`, so that the report reads few of them.
 * Two workers folding at once move each row once (a row deleted by one is skipped by the other).
 */
@Injectable()
export class ReportCountsFold implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportCountsFold.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.fold(), FOLD_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async fold(): Promise<void> {
    try {
      await this.dataSource.query('SELECT report_counts_fold()');
    } catch (error) {
      // The database is away, or the pool is closing: the next run folds what is pending.
      this.logger.warn(`Cannot fold the report counts: ${(error as Error).message}`);
    }
  }
}

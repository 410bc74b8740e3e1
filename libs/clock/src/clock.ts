import { todayInVietnam, type LocalDate } from '@workflows/common/local-date';

/**
 * The one source of "now" and "today" for the engine, the reminder planner and the worker, so that a test or a
 * rehearsal can pin the time. "Today" is the date in the service's time zone, Asia/Ho_Chi_Minh (UTC+7, no DST).
 */
export abstract class Clock {
  abstract now(): Date;

  today(): LocalDate {
    return todayInVietnam(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock set to `start` that then runs at the real pace: a suite sees one chosen day and hour, and the timestamps
 * it writes still follow the order of its writes.
 */
export class PinnedClock extends Clock {
  private readonly offsetMs: number;

  constructor(start: Date) {
    super();
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** How many crashes, within how long, make the launcher give up rather than restart once more (api.md "Processes"). */
export const CRASH_LIMIT = 5;
export const CRASH_WINDOW_MS = 60_000;

const FIRST_DELAY_MS = 500;
const LONGEST_DELAY_MS = 10_000;

/**
 * The crashes of the launcher's processes in a sliding window. A process that keeps dying (a bad configuration, a
 * database that refuses it) would otherwise be restarted for ever while the service looks alive to its supervisor.
 */
export class CrashWindow {
  private readonly crashes: number[] = [];

  constructor(
    private readonly limit = CRASH_LIMIT,
    private readonly windowMs = CRASH_WINDOW_MS,
  ) {}

  /** Records a crash at `at` (ms) and answers whether the limit is reached within the window. */
  record(at: number): boolean {
    this.crashes.push(at);
    while (this.crashes.length && this.crashes[0] <= at - this.windowMs) this.crashes.shift();
    return this.crashes.length >= this.limit;
  }
}

/** Delay before restarting a process that crashed `crashes` times in the window: 0.5 s, 1 s, 2 s … at most 10 s. */
export function restartDelay(crashes: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, crashes - 1), LONGEST_DELAY_MS);
}

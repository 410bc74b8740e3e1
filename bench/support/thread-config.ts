import { SystemClock } from '@libs/clock';
import type { AppConfig } from '@libs/config';

/**
 * The configuration a thread receives is a structured clone: class instances arrive as plain objects without their
 * methods. The clock is therefore made again on the thread's side (the benchmarks run on the real time).
 */
export function configInThread(config: AppConfig): AppConfig {
  return { ...config, clock: new SystemClock() };
}

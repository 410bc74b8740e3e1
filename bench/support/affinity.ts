import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** The id of the calling thread, as the kernel knows it (what `taskset -p` takes). */
export function threadId(): number {
  return Number(readlinkSync('/proc/thread-self').split('/').pop());
}

/** Threads (or processes) allowed on `cores` only: a list taskset reads, such as `0` or `1-3`. */
function allow(ids: readonly number[], cores: string): void {
  for (const id of ids) {
    try {
      execFileSync('taskset', ['-p', '-c', cores, String(id)], { stdio: 'ignore' });
    } catch (error) {
      // A backend or thread that ended meanwhile has nothing left to place; anything else is a broken experiment.
      if (existsSync(`/proc/${id}`)) throw new Error(`taskset -p -c ${cores} ${id} failed`, { cause: error });
    }
  }
}

const range = (from: number, to: number) => (from === to ? `${from}` : `${from}-${to}`);

/**
 * Gives each of `alone` (thread ids) a core of its own, cores 0, 1, …, and puts every other thread of this process
 * and each of `others` (processes: the benchmark's PostgreSQL backends) on the remaining cores. `release` allows
 * all of them on every core again. An experiment of what a core of its own changes, not how the service runs.
 */
export function coresOfTheirOwn(alone: readonly number[], others: readonly number[]): { release(): void } {
  const cores = availableParallelism();
  if (cores <= alone.length)
    throw new Error(`a core of its own for ${alone.length} thread(s) needs more than ${cores} cores`);
  const rest = readdirSync('/proc/self/task')
    .map(Number)
    .filter((id) => !alone.includes(id));
  alone.forEach((id, core) => allow([id], `${core}`));
  allow([...rest, ...others], range(alone.length, cores - 1));
  return { release: () => allow([...alone, ...rest, ...others], range(0, cores - 1)) };
}

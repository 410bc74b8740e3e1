import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** The id of the calling thread, as the kernel knows it (what `taskset -p` takes). */
export function threadId(): number {
  return Number(readlinkSync('/proc/thread-self').split('/').pop());
}

const threadsOfThisProcess = () => readdirSync('/proc/self/task').map(Number);

/** The cores a thread or process may run on, as a list taskset reads (`0-1`); undefined once it has ended. */
function coresOf(id: number): string | undefined {
  try {
    return execFileSync('taskset', ['-p', '-c', String(id)], { encoding: 'utf8' })
      .trim()
      .split(': ')
      .pop();
  } catch {
    return undefined;
  }
}

/** Allows a thread or process on `cores` only; the failure, if any (one that ended meanwhile has nothing to place). */
function allow(id: number, cores: string): Error | undefined {
  try {
    execFileSync('taskset', ['-p', '-c', cores, String(id)], { stdio: 'ignore' });
    return undefined;
  } catch (error) {
    return existsSync(`/proc/${id}`) ? new Error(`taskset -p -c ${cores} ${id} failed`, { cause: error }) : undefined;
  }
}

function allowAll(placements: Iterable<[number, string]>): void {
  const failures = [...placements].map(([id, cores]) => allow(id, cores)).filter((failure) => failure !== undefined);
  if (failures.length) throw new AggregateError(failures, 'taskset could not place every thread');
}

const range = (from: number, to: number) => (from === to ? `${from}` : `${from}-${to}`);

/**
 * Gives each of `alone` (thread ids) a core of its own, cores 0, 1, …, and puts every other thread of this process
 * and each of `others` (processes: the benchmark's PostgreSQL backends, listed when the round starts; a backend that
 * connects later is not placed) on the remaining cores. `release` gives each back the cores it had, and a thread born
 * meanwhile those of the process. An experiment of what a core of its own changes, not how the service runs.
 */
export function coresOfTheirOwn(alone: readonly number[], others: readonly number[]): { release(): void } {
  const cores = availableParallelism();
  if (cores <= alone.length)
    throw new Error(`a core of its own for ${alone.length} thread(s) needs more than ${cores} cores`);
  const rest = threadsOfThisProcess().filter((id) => !alone.includes(id));
  const before = new Map<number, string>();
  for (const id of [...alone, ...rest, ...others]) {
    const had = coresOf(id);
    if (had !== undefined) before.set(id, had);
  }
  const processCores = before.get(process.pid) ?? range(0, cores - 1);
  const release = () =>
    allowAll([
      ...before,
      ...threadsOfThisProcess()
        .filter((id) => !before.has(id))
        .map((id): [number, string] => [id, processCores]),
    ]);
  try {
    allowAll([
      ...alone.map((id, core): [number, string] => [id, `${core}`]),
      ...[...rest, ...others].map((id): [number, string] => [id, range(alone.length, cores - 1)]),
    ]);
  } catch (error) {
    try {
      release();
    } catch (releaseError) {
      throw new AggregateError(
        [error, releaseError],
        'placing the threads failed, and so did giving their cores back',
        {
          cause: releaseError,
        },
      );
    }
    throw error;
  }
  return { release };
}

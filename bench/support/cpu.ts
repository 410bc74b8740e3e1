import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (seconds) of the machine and of the processes a benchmark involves, from /proc (Linux). */
export interface CpuSample {
  at: number;
  machine: number;
  thread: number;
  byCommand: Record<string, number>;
  byPid: Record<string, number>;
}

const TICKS = 100; // USER_HZ on Linux

/** utime and stime of a /proc stat line, in seconds. */
function statTimes(stat: string): { user: number; system: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / TICKS, system: Number(fields[12]) / TICKS };
}

function statSeconds(stat: string): number {
  const { user, system } = statTimes(stat);
  return user + system;
}

/** CPU seconds of the calling thread (a worker thread's loop, say, apart from the rest of the process). */
export function threadCpuTimes(): { user: number; system: number } {
  return statTimes(readFileSync('/proc/thread-self/stat', 'utf8'));
}

/** Seconds the calling thread spent runnable but waiting for a core (schedstat), and its involuntary switches. */
export function threadWaits(): { waiting: number; preempted: number } {
  const [, waitNs] = readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(' ').map(Number);
  const preempted = /nonvoluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync('/proc/thread-self/status', 'utf8'));
  return { waiting: waitNs / 1e9, preempted: Number(preempted?.[1] ?? 0) };
}

export function threadCpuSeconds(): number {
  return statSeconds(readFileSync('/proc/thread-self/stat', 'utf8'));
}

/** CPU seconds of a process, or NaN once it has ended (its time is then lost to the sample). */
function pidSeconds(pid: number | string): number {
  try {
    return statSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return NaN;
  }
}

/** Redis is a single process; other users of it are counted too, which the benchmarks say. */
function redisPids(): string[] {
  return readdirSync('/proc').filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      return readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('redis-server');
    } catch {
      return false;
    }
  });
}

/**
 * A sample of CPU times: the machine, this thread, this process, Redis, and each group of processes given by pid
 * (the PostgreSQL backends of the benchmark's own database, say: other databases' backends are someone else's).
 */
export function sampleCpu(groups: Record<string, readonly number[]> = {}): CpuSample {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = values.slice(0, 8).map(Number);
  const busy = ticks.reduce((sum, value) => sum + value, 0) - ticks[3] - ticks[4];
  const byCommand: Record<string, number> = { benchmark: pidSeconds('self') };
  byCommand.redis = redisPids().reduce((sum, pid) => sum + (pidSeconds(pid) || 0), 0);
  const byPid: Record<string, number> = {};
  for (const [group, pids] of Object.entries(groups)) {
    for (const pid of pids) byPid[`${group}:${pid}`] = pidSeconds(pid);
  }
  return { at: performance.now(), machine: busy / TICKS, thread: threadCpuSeconds(), byCommand, byPid };
}

/** CPU seconds spent between two samples: the machine, this thread, and each watched kind of process. */
export interface CpuSpent {
  seconds: number;
  machine: number;
  thread: number;
  byCommand: Record<string, number>;
  /** CPU seconds of everything else on the machine: other people's work competing for the cores, and interrupts. */
  others: number;
}

export function noCpuSpent(): CpuSpent {
  return { seconds: 0, machine: 0, thread: 0, byCommand: {}, others: 0 };
}

/** Adds `spent` into `total`, as a benchmark sums its rounds. */
export function addCpuSpent(total: CpuSpent, spent: CpuSpent): void {
  total.seconds += spent.seconds;
  total.machine += spent.machine;
  total.thread += spent.thread;
  total.others += spent.others;
  for (const [name, time] of Object.entries(spent.byCommand))
    total.byCommand[name] = (total.byCommand[name] ?? 0) + time;
}

export function cpuBetween(from: CpuSample, to: CpuSample): CpuSpent {
  const byCommand: Record<string, number> = {};
  for (const [command, time] of Object.entries(to.byCommand))
    byCommand[command] = time - (from.byCommand[command] ?? 0);
  // A process that started during the phase counts from zero; one that ended before its end is lost (it shows
  // under `others`): pools keep their connections, so these are few.
  for (const [key, time] of Object.entries(to.byPid)) {
    const group = key.slice(0, key.indexOf(':'));
    const start = from.byPid[key];
    byCommand[group] = (byCommand[group] ?? 0) + (Number.isNaN(time) || Number.isNaN(start) ? 0 : time - (start ?? 0));
  }
  const machine = to.machine - from.machine;
  const ours = Object.values(byCommand).reduce((sum, value) => sum + value, 0);
  return {
    seconds: (to.at - from.at) / 1000,
    machine,
    thread: to.thread - from.thread,
    byCommand,
    others: Math.max(0, machine - ours),
  };
}

import type { ChildProcess } from 'node:child_process';
import { CRASH_LIMIT, CRASH_WINDOW_MS, CrashWindow, restartDelay } from './restart-policy';

/** One kind of process the launcher keeps running: how many, and how to start one. */
export interface ProcessKind {
  /** As the log names it: `API`, `worker`. */
  name: string;
  count: number;
  start(): ChildProcess;
}

interface Slot {
  kind: ProcessKind;
  number: number;
  child: ChildProcess | null;
  restart: NodeJS.Timeout | null;
  /** When this process crashed lately, for its own backoff. */
  recentCrashes: number[];
}

const DRAIN_TIMEOUT_MS = 30_000;

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `tín hiệu ${signal}` : `mã ${code}`;

/**
 * Keeps every process of every kind running: a process that exits while the service is not stopping is restarted
 * after a growing delay, alone, so that one dying never takes the others down. When crashes pile up (5 in 60 s, all
 * processes counted) it gives up, drains the others and reports it through `onGiveUp`.
 */
export class Supervisor {
  private readonly slots: Slot[];
  private readonly crashes = new CrashWindow();
  private stopping = false;

  constructor(
    kinds: ProcessKind[],
    private readonly log: (line: string) => void,
    private readonly onGiveUp: () => void,
  ) {
    this.slots = kinds.flatMap((kind) =>
      Array.from({ length: kind.count }, (_, index) => ({
        kind,
        number: index + 1,
        child: null,
        restart: null,
        recentCrashes: [],
      })),
    );
  }

  start(): void {
    for (const slot of this.slots) this.run(slot);
  }

  /**
   * SIGTERM to every process, which drains (the API finishes its requests, the worker its jobs), then waits.
   * Answers false when some process had to be killed after the drain timeout.
   */
  async stop(): Promise<boolean> {
    this.stopping = true;
    const running = this.slots.flatMap((slot) => {
      if (slot.restart) clearTimeout(slot.restart);
      return slot.child && slot.child.exitCode === null && slot.child.signalCode === null ? [slot.child] : [];
    });
    const exits = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of running) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.all(exits).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!drained) {
      this.log(`Sau ${DRAIN_TIMEOUT_MS / 1000} s vẫn còn tiến trình chưa dừng: buộc dừng (SIGKILL)`);
      for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
      await Promise.all(exits);
    }
    return drained;
  }

  private run(slot: Slot): void {
    slot.restart = null;
    const child = slot.kind.start();
    slot.child = child;
    this.log(`${slot.kind.name} ${slot.number} chạy (pid ${child.pid})`);
    child.once('exit', (code, signal) => this.exited(slot, child, code, signal));
  }

  private exited(slot: Slot, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const now = Date.now();
    const label = `${slot.kind.name} ${slot.number} (pid ${child.pid}) dừng bất thường (${describeExit(code, signal)})`;
    if (this.crashes.record(now)) {
      this.log(
        `${label}: ${CRASH_LIMIT} lần dừng bất thường trong ${CRASH_WINDOW_MS / 1000} s, ngừng khởi động lại và dừng dịch vụ`,
      );
      this.onGiveUp();
      return;
    }
    slot.recentCrashes = [...slot.recentCrashes.filter((at) => at > now - CRASH_WINDOW_MS), now];
    const delay = restartDelay(slot.recentCrashes.length);
    this.log(`${label}; khởi động lại sau ${String(delay / 1000).replace('.', ',')} s`);
    slot.restart = setTimeout(() => this.run(slot), delay);
  }
}

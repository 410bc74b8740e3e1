import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { threadId } from './affinity';
import { threadCpuTimes, threadWaits } from './cpu';

/**
 * tsx compiles with esbuild, which drops the `design:paramtypes` metadata Nest injects constructors by. The parts
 * of the application a benchmark boots (the API, the worker) therefore run in a thread of their own, compiled by
 * swc with decorator metadata as jest does, on plain node (`execArgv: []`, without tsx's hooks). A thread also
 * gives the application its own event loop, as its own process has in production, so the load generator's
 * JavaScript does not run on the loop it measures.
 */
const BOOTSTRAP = `
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { paths } = JSON.parse(readFileSync(workerData.tsconfig, 'utf8')).compilerOptions;
const options = {
  jsc: {
    baseUrl: require('node:path').dirname(workerData.tsconfig),
    paths,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
addHook((code, filename) => transformSync(code, { ...options, filename }).code, {
  exts: ['.ts'],
  ignoreNodeModules: true,
});
require('reflect-metadata');
require(workerData.file);
`;

/** Its `paths` (the module aliases) are handed to swc, which rewrites them as relative requires. */
const TSCONFIG = resolve(__dirname, '../../tsconfig.json');

export interface ThreadLoad {
  utilization: number;
  /** CPU seconds of the thread, and the part of them spent in the kernel (system calls: sockets, mostly). */
  cpu: number;
  system: number;
  /** Seconds the thread was ready to run but waited for a core, and how often it was preempted. */
  waiting: number;
  preempted: number;
}

type Handler = (argument: never) => unknown;
type Reply = { id: number; result?: unknown; error?: string };

/** The benchmark's side of a thread: `call` runs one of the thread's handlers and answers its result. */
export class TsThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private next = 0;

  constructor(file: string) {
    this.worker = new Worker(BOOTSTRAP, { eval: true, execArgv: [], workerData: { file, tsconfig: TSCONFIG } });
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.result);
    });
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', failAll);
    this.worker.on('exit', (code) => failAll(new Error(`thread ${file} exited with code ${code}`)));
  }

  call<T>(command: string, argument?: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, command, argument });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The thread's side: answers the benchmark's calls; every thread can also profile its own CPU. */
export function serve(handlers: Record<string, Handler>): void {
  if (!parentPort || !workerData) throw new Error('serve() runs inside a benchmark thread');
  const port = parentPort;
  let session: Session | undefined;
  let loopFrom: EventLoopUtilization | undefined;
  let cpuFrom = threadCpuTimes();
  let waitsFrom = threadWaits();
  const all: Record<string, Handler> = {
    ...handlers,
    markLoop() {
      loopFrom = performance.eventLoopUtilization();
      cpuFrom = threadCpuTimes();
      waitsFrom = threadWaits();
    },
    /**
     * Since `markLoop`: the share of time the thread's event loop was busy (near 1, the thread is the bottleneck,
     * whether it computes or waits for a core) and the CPU seconds the thread used.
     */
    loopSinceMark(): ThreadLoad {
      const { user, system } = threadCpuTimes();
      const { waiting, preempted } = threadWaits();
      return {
        utilization: performance.eventLoopUtilization(loopFrom).utilization,
        cpu: user + system - cpuFrom.user - cpuFrom.system,
        system: system - cpuFrom.system,
        waiting: waiting - waitsFrom.waiting,
        preempted: preempted - waitsFrom.preempted,
      };
    },
    /** The thread's id for the kernel, to place it on a core of its own. */
    threadId,
    async startProfile() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    async stopProfile(path: string) {
      if (!session) return;
      const { profile } = await session.post('Profiler.stop');
      await writeFile(path, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
    },
  };
  port.on('message', async ({ id, command, argument }: { id: number; command: string; argument: never }) => {
    try {
      const handler = all[command];
      if (!handler) throw new Error(`unknown command ${command}`);
      port.postMessage({ id, result: await handler(argument) });
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

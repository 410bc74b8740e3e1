import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const LAUNCHER = join(ROOT, 'dist/apps/launcher/src/main.js');

const newestSource = (directory: string): number =>
  Math.max(
    0,
    ...readdirSync(directory, { withFileTypes: true }).map((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return newestSource(path);
      return entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
    }),
  );

/** The launcher suites run the built processes, as `npm start` does: builds them when a source is newer. */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(LAUNCHER).mtimeMs;
  } catch {
    // never built
  }
  if (Math.max(...['apps', 'libs', 'workflows'].map((dir) => newestSource(join(ROOT, dir)))) < built) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
}

export interface Launcher {
  child: ChildProcess;
  /** Everything the launcher and its processes printed so far. */
  output(): string;
  /** Waits until the output matches, and answers the match. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** The settings every launched service gets from a test: none of the machine's own. */
export function launcherEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const variable of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'NODE_ENV', 'API_PROCESSES', 'WORKER_PROCESSES'])
    delete env[variable];
  return { ...env, ...settings };
}

export function startLauncher(args: string[], env: NodeJS.ProcessEnv): Launcher {
  const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${pattern} not printed in time; output:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        void exited.then(() => {
          if (!output.match(pattern)) {
            done();
            reject(new Error(`launcher exited before ${pattern}; output:\n${output.slice(-3000)}`));
          }
        });
        check();
      });
    },
  };
}

/** Polls `url` until it answers 200, and answers the body. */
export async function waitForHealth(url: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return (await response.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

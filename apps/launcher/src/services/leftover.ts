import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The command line of a process where /proc tells it (Linux), else an empty string. */
const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

/**
 * A launcher killed without its chance to clean up (kill -9, a power cut) leaves its PostgreSQL or Redis running on
 * the data directory, and the next start would find the directory locked. The pid file names that server: it is
 * stopped if it still runs and is the program expected (a pid may have been reused by another program since).
 */
export async function stopLeftover(pidFile: string, program: string, signal: NodeJS.Signals): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const command = commandOf(pid);
  if (command && !command.includes(program)) return;
  process.kill(pid, signal);
  for (let waited = 0; waited < 15_000 && alive(pid); waited += 100) await sleep(100);
}

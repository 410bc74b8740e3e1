import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase } from '@libs/persistence';
import { loadConfig } from '@libs/config';

/**
 * `npm start`: applies pending migrations once, then runs the API and the worker as two processes,
 * so that reminder load never slows the HTTP path. Stopping the launcher stops both.
 */
async function main() {
  const config = loadConfig();
  const dataSource = await openDatabase(config.databaseUrl);
  await dataSource.destroy();

  // One secret for both processes when none is configured, so tokens issued by the API stay valid while it runs.
  const env = { ...process.env, JWT_SECRET: config.jwtSecret };
  const children: ChildProcess[] = [
    fork(join(__dirname, '../../api/src/main.js'), { env }),
    fork(join(__dirname, '../../worker/src/main.js'), { env }),
  ];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 10_000).unref();
    Promise.all(
      children.map(
        (child) => new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve(null))),
      ),
    ).then(() => process.exit(code));
  };
  for (const child of children) child.on('exit', (code) => stop(code ?? 1));
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import pino from 'pino';
import { conciseStream } from './concise-stream';
import { logConfigFrom, type LogConfig } from './log-config';
import { createLogger } from './logger-options';

/** The log settings of the environment; settings it refuses give way to the defaults, so the refusal is logged. */
function configOf(env: NodeJS.ProcessEnv): LogConfig {
  try {
    return logConfigFrom(env);
  } catch {
    return logConfigFrom({ NODE_ENV: env.NODE_ENV });
  }
}

/** The logger of a process's own lines outside Nest (the launcher, command-line tools), named by `context`. */
export function processLogger(context: string, env: NodeJS.ProcessEnv = process.env) {
  return createLogger(configOf(env)).child({ context });
}

/**
 * What an entry point does with an error that stops it: one fatal line on standard error, with the error's message
 * (a configuration error says which variable to set) and its stack, or the sentence given alone, then exit 1.
 */
export function exitOnFailure(context: string, env: NodeJS.ProcessEnv = process.env) {
  return (error: unknown): never => {
    const config = configOf(env);
    const stderr =
      config.format === 'pretty' ? conciseStream(process.stderr) : pino.destination({ dest: 2, sync: true });
    const logger = createLogger({ ...config, level: 'fatal', destination: stderr }).child({ context });
    if (error instanceof Error) logger.fatal({ err: error }, error.message);
    else logger.fatal(String(error));
    process.exit(1);
  };
}

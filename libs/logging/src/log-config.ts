export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where and how a process logs. */
export interface LogConfig {
  /** `LOG_LEVEL`; default `info`. */
  level: LogLevelName;
  /** `LOG_FORMAT`: one JSON object a line (default in production), or one short readable line (elsewhere). */
  format: LogFormat;
  /** Where the lines go: standard output, or a stream of the tests that read them. */
  destination?: { write(line: string): void };
}

export class LogConfigurationError extends Error {}

/** `LOG_LEVEL` and `LOG_FORMAT` from the environment; a value outside the lists stops the start. */
export function logConfigFrom(env: NodeJS.ProcessEnv): LogConfig {
  const level = (env.LOG_LEVEL || 'info').toLowerCase();
  const format = (env.LOG_FORMAT || (env.NODE_ENV === 'production' ? 'json' : 'pretty')).toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new LogConfigurationError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${env.LOG_LEVEL}`);
  if (!(LOG_FORMATS as readonly string[]).includes(format))
    throw new LogConfigurationError(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got ${env.LOG_FORMAT}`);
  return { level: level as LogLevelName, format: format as LogFormat };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type LoggerOptions } from 'pino';
import { conciseStream } from './concise-stream';
import type { LogConfig } from './log-config';
import { redact, redactText } from './redaction';

/** Paths answered often and by machines: their requests are not logged one by one. */
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** pino's options: level, every argument redacted (see `redact`), no hostname. */
export function pinoOptions(config: LogConfig): LoggerOptions {
  return {
    level: config.level,
    base: { pid: process.pid },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => redact(arg)) as Parameters<typeof method>);
      },
    },
    formatters: { level: (label, number) => ({ level: number, levelName: label }) },
  };
}

function destinationOf(config: LogConfig) {
  if (config.destination) return config.destination;
  return config.format === 'pretty' ? conciseStream() : pino.destination(1);
}

/** A logger for what happens outside Nest (start-up failures, command-line tools). */
export function createLogger(config: LogConfig) {
  return pino(pinoOptions(config), destinationOf(config));
}

type Request = IncomingMessage & { id?: string; originalUrl?: string; ip?: string };

/**
 * `nestjs-pino`'s parameters: one line per request when it ends (method, path and query, status, duration, client
 * address; never headers or bodies), the request's id bound to every line logged while serving it (`requestId`).
 */
export function loggerParams(config: LogConfig): Params {
  return {
    pinoHttp: [
      {
        ...pinoOptions(config),
        quietReqLogger: true,
        customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
        autoLogging: { ignore: (request) => QUIET_PATHS.test((request as Request).originalUrl ?? request.url ?? '') },
        serializers: {
          // pino-http hands over its own summary of the request, the request itself as `raw`.
          req: (request: { method: string; url: string; remoteAddress?: string; raw: Request }) => ({
            method: request.method,
            url: redactText(request.raw.originalUrl ?? request.url),
            remoteAddress: request.raw.ip ?? request.remoteAddress,
          }),
          res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
        },
        customLogLevel: (_request, response, error) =>
          error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
        customSuccessMessage: (request, response) =>
          `${request.method} ${(request as Request).originalUrl ?? request.url} ${response.statusCode}`,
        customErrorMessage: (request, response) =>
          `${request.method} ${(request as Request).originalUrl ?? request.url} ${response.statusCode}`,
      },
      destinationOf(config),
    ],
  };
}

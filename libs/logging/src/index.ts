export * from './concise-stream';
export * from './log-config';
export * from './logger-options';
export * from './redaction';
export * from './request-id';
export * from './process-logger';

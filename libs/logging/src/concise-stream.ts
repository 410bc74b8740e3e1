const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields shown in the line itself, not repeated after it. */
const SHOWN = new Set([
  'level',
  'levelName',
  'time',
  'pid',
  'hostname',
  'msg',
  'context',
  'err',
  'requestId',
  'req',
  'res',
]);

/** One JSON log line as one readable line: time, level, [context], message, request id, then the other fields. */
export function conciseLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json);
  } catch {
    return json;
  }
  const time = new Date(Number(record.time)).toISOString().slice(11, 23);
  const level = (LEVEL_NAMES[Number(record.level)] ?? String(record.level)).padEnd(5);
  const context = record.context ? ` [${String(record.context)}]` : '';
  const request = record.requestId ? ` (${String(record.requestId)})` : '';
  // A request's line names its method, path and status in its message: only the client's address is added.
  const from = (record.req as { remoteAddress?: string } | undefined)?.remoteAddress;
  const rest = [...Object.entries(record).filter(([key]) => !SHOWN.has(key)), ...(from ? [['from', from]] : [])];
  const fields = rest.length ? ` ${JSON.stringify(Object.fromEntries(rest))}` : '';
  const error = record.err as { stack?: string; message?: string } | undefined;
  const stack = error ? `\n${error.stack ?? error.message}` : '';
  return `${time} ${level}${context} ${String(record.msg ?? '')}${request}${fields}${stack}\n`;
}

/** The development format: pino writes JSON here, a person reads one short line per record. */
export function conciseStream(out: { write(text: string): unknown } = process.stdout) {
  return { write: (json: string) => void out.write(conciseLine(json)) };
}

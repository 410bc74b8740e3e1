import { conciseLine } from './concise-stream';
import { logConfigFrom } from './log-config';
import { requestIdOf } from './request-id';

describe('log settings', () => {
  it('reads LOG_LEVEL and LOG_FORMAT, JSON by default in production only', () => {
    expect(logConfigFrom({})).toEqual({ level: 'info', format: 'pretty' });
    expect(logConfigFrom({ NODE_ENV: 'production' })).toEqual({ level: 'info', format: 'json' });
    expect(logConfigFrom({ LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'json' })).toEqual({ level: 'debug', format: 'json' });
    expect(() => logConfigFrom({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of fatal, error/);
    expect(() => logConfigFrom({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of json, pretty/);
  });

  it('writes one short line per record in the development format', () => {
    const time = Date.UTC(2026, 10, 25, 3, 4, 5, 6);
    const line = JSON.stringify({ level: 40, time, pid: 1, context: 'Reminders', msg: 'late', requestId: 'r1', n: 2 });
    expect(conciseLine(line)).toBe('03:04:05.006 WARN  [Reminders] late (r1) {"n":2}\n');
    expect(conciseLine('not json')).toBe('not json');
  });

  it('takes a sane incoming request id and replaces any other', () => {
    expect(requestIdOf('edge-7f3a.1:2')).toBe('edge-7f3a.1:2');
    for (const header of [undefined, '', 'a b', 'x'.repeat(65), ['a', 'b'], '<x>'])
      expect(requestIdOf(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
  });
});

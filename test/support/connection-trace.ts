import type { Socket } from 'node:net';
import { preparedStatementName } from '@libs/persistence';

/** What `traceConnection` records for a write to the connection's socket (one system call). */
export const WRITE = '(write)';

/** The parts of the pool's pg client a trace wraps. */
interface TracedClient {
  query: (...args: unknown[]) => unknown;
  connection: { stream: Socket };
}

/**
 * Records, in order, each statement a pool connection (`await runner.connect()`) is asked to send, by its prepared
 * name or the start of its text, and each write to its socket. Answers the function that stops recording.
 */
export function traceConnection(connection: unknown, into: string[]): () => void {
  const client = connection as TracedClient;
  const { query } = client;
  const socket = client.connection.stream;
  const { _write: write, _writev: writev } = socket;
  client.query = (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : '';
    into.push(preparedStatementName(text) ?? text.replace(/\s+/g, ' ').slice(0, 40));
    return query.apply(client, args);
  };
  socket._write = function (this: Socket, ...args: Parameters<Socket['_write']>) {
    into.push(WRITE);
    return write.apply(this, args);
  };
  socket._writev = function (this: Socket, ...args: Parameters<NonNullable<Socket['_writev']>>) {
    into.push(WRITE);
    return writev!.apply(this, args);
  };
  return () => {
    client.query = query;
    socket._write = write;
    socket._writev = writev;
  };
}

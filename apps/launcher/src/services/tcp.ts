import { connect, createServer } from 'node:net';
import { StartupError } from './startup-error';

export interface Address {
  host: string;
  port: number;
}

/** `host:port` as the settings write it (`127.0.0.1:5432`). */
export function parseAddress(text: string, variable: string): Address {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  if (!match) throw new StartupError(`${variable} phải có dạng máy:cổng (ví dụ 127.0.0.1:5432), nhận được "${text}"`);
  return { host: match[1], port: Number(match[2]) };
}

export const formatAddress = ({ host, port }: Address) => `${host}:${port}`;

/** Whether something accepts a TCP connection there within `timeoutMs`. */
export function answers({ host, port }: Address, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A port nobody listens on now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

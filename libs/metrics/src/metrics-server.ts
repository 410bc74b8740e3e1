import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsAccess } from './metrics-access';
import type { ServiceMetrics } from './service-metrics';

/** How many ports above the configured one a worker tries, so that several workers on one machine each get one. */
export const PORTS_TRIED = 16;

/**
 * The worker's `/metrics`, on a port of its own (no HTTP server otherwise): the first free port from `port` on.
 * Answers the listening server, whose address tells the port taken.
 */
export async function serveMetrics(metrics: ServiceMetrics, access: MetricsAccess, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') return void response.writeHead(404).end();
    if (!access.allows(request.headers.authorization, request.socket.remoteAddress))
      return void response.writeHead(403).end();
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  for (let offset = 0; ; offset++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port === 0 ? 0 : port + offset, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || offset + 1 >= PORTS_TRIED) throw error;
    }
  }
}

export const portOf = (server: Server) => (server.address() as AddressInfo).port;

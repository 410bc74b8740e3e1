import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Server } from 'node:http';
import { portOf, serveMetrics, type MetricsAccess, type ServiceMetrics } from '@libs/metrics';

/**
 * The worker's `/metrics` on `WORKER_METRICS_PORT` (the first free port from it, so that several workers on one
 * machine each take one, logged at start); the worker has no other HTTP server.
 */
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly access: MetricsAccess,
    private readonly port: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = await serveMetrics(this.metrics, this.access, this.port);
    new Logger('Worker').log(`Metrics on http://localhost:${portOf(this.server)}/metrics`);
  }

  /** The port taken (tests ask for 0: any free port). */
  get boundPort(): number | undefined {
    return this.server && portOf(this.server);
  }

  onApplicationShutdown(): void {
    this.server?.close();
  }
}

import type { NextFunction, Request, Response } from 'express';
import type { ServiceMetrics } from '@libs/metrics';

/**
 * Counts and times every request by its route pattern (`/api/dossiers/:id`, never the ids themselves, which would
 * make one series per dossier); a request no route matched counts as `unmatched` (under `/api`, Nest's own
 * catch-all `/api*path` answers the 404).
 */
export function httpMetrics(metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      const labels = { method: request.method, route, status: String(response.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AccessTokens, Public } from '@libs/auth';
import { MetricsAccess, ServiceMetrics } from '@libs/metrics';
import { ApiError } from '../errors/api-error';

/**
 * `GET /metrics` (Prometheus text format), outside `/api`. Readable with `Authorization: Bearer <METRICS_TOKEN>`,
 * from an address in `METRICS_ALLOWED_NETWORKS`, or with the access token of an admin without scope; else 403.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly access: MetricsAccess,
    private readonly tokens: AccessTokens,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() request: Request, @Res() response: Response) {
    if (!(await this.allowed(request)))
      throw new ApiError(403, 'FORBIDDEN', 'Không được đọc số liệu vận hành / metrics are not open to this caller');
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.send(await this.metrics.registry.metrics());
  }

  private async allowed(request: Request): Promise<boolean> {
    const authorization = request.headers.authorization;
    if (this.access.allows(authorization, request.ip)) return true;
    if (!authorization?.startsWith('Bearer ')) return false;
    const user = await this.tokens.verify(authorization.slice(7)).catch(() => null);
    return !!user && user.roles.includes('admin') && user.scopeOrgId === null;
  }
}

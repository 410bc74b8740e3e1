import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@libs/auth';
import type { AppConfig } from '@libs/config';
import { APP_CONFIG } from '../app-config.token';
import { REDIS } from '../redis.provider';

/** The promise, or a rejection after `ms`; the timer is cleared either way, so that no check outlives its answer. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async check(@Res() response: Response) {
    const [postgres, redis] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), 2000).then(
        () => 'up',
        () => 'down',
      ),
      within(this.redis.ping(), 2000).then(
        () => 'up',
        () => 'down',
      ),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    response
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ok' : 'error', postgres, redis, services: this.config.services });
  }
}

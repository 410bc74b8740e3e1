import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@libs/auth';
import type { AppConfig } from '@libs/config';
import { APP_CONFIG } from '../app-config.token';
import { REDIS } from '../redis.provider';
import { within } from '../within';

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
    const down = [postgres === 'down' && 'PostgreSQL', redis === 'down' && 'Redis'].filter(Boolean);
    const ok = down.length === 0;
    const message = ok ? undefined : `Không kết nối được: ${down.join(', ')} / down: ${down.join(', ')}`;
    response
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ok' : 'error', postgres, redis, message, services: this.config.services });
  }
}

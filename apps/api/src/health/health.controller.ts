import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@libs/auth';
import type { AppConfig } from '@libs/config';
import { APP_CONFIG } from '../app-config.token';
import { REDIS } from '../redis.provider';
import { within } from '../within';
import { Answers } from '../openapi/documented-operation';
import { componentRef } from '../openapi/json-schema';

const part = z.enum(['up', 'down']);
const healthSchema = z
  .looseObject({
    status: z.enum(['ok', 'error']),
    postgres: part,
    redis: part,
    message: z.string().optional(),
  })
  .meta({ id: 'Health', title: 'Tình trạng dịch vụ / health' });

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
  @ApiOperation({
    summary: 'Tình trạng PostgreSQL và Redis / Health of PostgreSQL and Redis',
  })
  @Answers(200, healthSchema)
  @ApiResponse({
    status: 503,
    description: 'PostgreSQL or Redis down (`status: "error"`)',
    schema: { $ref: componentRef('Health') },
  })
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

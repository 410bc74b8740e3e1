import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule, QUEUES } from './app.module';
import { mountQueueDashboard } from './dashboard/queue-dashboard';
import type { AppConfig } from '@libs/config';
import { REQUEST_ID_HEADER } from '@libs/logging';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { UsersService } from './users/users.service';
import { bodyParsingErrors, csvBody, CSV_ROUTES, jsonBody } from './http/body-parsing';
import { inputGuard, parseQuery } from './http/input-guard';
import { securityHeaders } from './http/security-headers';
import { validateInVietnamese } from './errors/validation-language';
import { mountWebApp } from './web/web-app';
import { completeDocument } from './openapi/complete-document';
import type { Redis } from 'ioredis';
import { REDIS } from './redis.provider';
import { within } from './within';
import { requestId } from './http/request-id.middleware';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { ServiceMetrics } from '@libs/metrics';

/** How long a request that needs Redis waits for it to answer a ping before answering 503 QUEUE_UNAVAILABLE. */
const REDIS_PROBE_MS = 1000;

/** The configured HTTP application, for `main.ts`, the seed and the end-to-end tests alike. */
export async function createApp(config: AppConfig) {
  validateInVietnamese();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.disable('x-powered-by');
  // Express hashes every answer for an ETag, POSTs included; the API's answers are per caller and carry their version.
  app.set('etag', false);
  if (config.trustProxy)
    app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  app.set('query parser', parseQuery);
  app.use(requestId);
  app.use(httpMetrics(app.get(ServiceMetrics)));
  app.use(securityHeaders());
  // Same-origin by default: a browser on another origin is let in only when CORS_ORIGINS names it.
  if (config.corsOrigins.length)
    app.enableCors({
      origin: config.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER],
    });
  app.use(CSV_ROUTES, csvBody);
  app.use(jsonBody);
  app.use(bodyParsingErrors);
  app.use(inputGuard);
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  app.useGlobalFilters(new ApiExceptionFilter());
  mountWebApp(app, config.webRoot);
  app.enableShutdownHooks();

  const document = completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Quy trình kết nạp đảng viên — API')
        .setDescription('Hồ sơ, sự kiện, lịch sử, quy trình và nhắc việc. The contract is docs/api.md.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  const redis = app.get<Redis>(REDIS);
  mountQueueDashboard(app, app.get(QUEUES), () =>
    within(redis.ping(), REDIS_PROBE_MS).then(
      () => true,
      () => false,
    ),
  );

  if (await app.get(UsersService).ensureAdmin(config.admin))
    new Logger('Bootstrap').log(`Created admin user ${config.admin?.username}`);
  if (config.jwtSecretGenerated)
    new Logger('Bootstrap').warn('JWT_SECRET is not set: a random secret is used and tokens end with this process');
  return app;
}

import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/app.factory';
import type { AppConfig } from '../../libs/config/src';
import { serve } from '../support/thread';

/** The API as `main.ts` starts it, on a loopback port the system picks. */
let app: INestApplication | undefined;

serve({
  async start(config: AppConfig) {
    app = await createApp(config, ['error', 'warn']);
    await app.listen(0, '127.0.0.1');
    return (app.getHttpServer().address() as AddressInfo).port;
  },
  async close() {
    await app?.close();
    app = undefined;
  },
});

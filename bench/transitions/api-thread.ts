// First: it wraps pg's Client.query before the application's modules keep a reference to it.
import { counted } from './statement-count';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApp } from '@apps/api/app.factory';
import type { AppConfig } from '@libs/config';
import { serve } from '../support/thread';
import { configInThread } from '../support/thread-config';

/** The API as `main.ts` starts it, on a loopback port the system picks. */
let app: INestApplication | undefined;

serve({
  async start(config: AppConfig) {
    app = await createApp({ ...configInThread(config), log: { ...config.log, level: 'warn' } });
    await app.listen(0, '127.0.0.1');
    return (app.getHttpServer().address() as AddressInfo).port;
  },
  statements() {
    return counted.statements;
  },
  sqlProfile() {
    return counted.sqlProfile?.snapshot() ?? [];
  },
  async close() {
    await app?.close();
    app = undefined;
  },
});

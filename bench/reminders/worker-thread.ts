import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '@apps/worker/worker.factory';
import type { AppConfig } from '@libs/config';
import { serve } from '../support/thread';
import { configInThread } from '../support/thread-config';

/** The worker as `apps/worker/src/main.ts` starts it: reminders, webhooks and the reconciler at start. */
let app: INestApplicationContext | undefined;

serve({
  async start(config: AppConfig) {
    app = await createWorker({ ...configInThread(config), log: { ...config.log, level: 'warn' } });
  },
  async close() {
    await app?.close();
    app = undefined;
  },
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadConfig } from '@libs/config';
import { exitOnFailure } from '@libs/logging';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Bootstrap').log(`API on http://localhost:${config.port}/api (docs at /api/docs)`);
}

main().catch(exitOnFailure('Bootstrap'));

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@libs/config';
import { exitOnFailure } from '@libs/logging';
import { createWorker } from './worker.factory';

createWorker(loadConfig())
  .then(() => new Logger('Worker').log('Worker started: reminders, webhooks and the deadline reconciler'))
  .catch(exitOnFailure('Worker'));

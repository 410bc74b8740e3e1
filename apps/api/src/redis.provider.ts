import { Redis } from 'ioredis';

export const REDIS = Symbol('REDIS');

/** A client that fails fast when Redis is away, so that health answers instead of hanging. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}

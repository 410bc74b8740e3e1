import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../app-config.token';
import type { AppConfig } from '@libs/config';
import { ApiError } from '../errors/api-error';
import { REDIS } from '../redis.provider';

/** Failed logins from one address within a minute, whatever the accounts, before the address must wait. */
export const FAILURES_PER_ADDRESS = 30;
const WINDOW_SECONDS = 60;

/**
 * Password spraying: one address trying one password over many accounts meets no per-account limit. This counts
 * failed logins per address in Redis, so every API process sees the same count; successful logins do not count,
 * so an office behind one NAT address can still log everyone in at eight o'clock. If Redis is away, the limit is
 * skipped (logins go on) and the per-account limit still holds.
 */
@Injectable()
export class AddressFailureLimit {
  private readonly logger = new Logger(AddressFailureLimit.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(address: string) {
    return `${this.config.queuePrefix}:login-failures:${address}`;
  }

  async check(address: string): Promise<void> {
    const count = await this.redis.get(this.key(address)).catch((error: Error) => {
      this.logger.warn(`Login limit per address skipped: ${error.message}`);
      return null;
    });
    if (Number(count) >= FAILURES_PER_ADDRESS)
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'TOO_MANY_REQUESTS',
        'Quá nhiều lần đăng nhập sai từ địa chỉ này, hãy thử lại sau một phút / too many failed logins from this address',
      );
  }

  async recordFailure(address: string): Promise<void> {
    await this.redis
      .multi()
      .incr(this.key(address))
      .expire(this.key(address), WINDOW_SECONDS, 'NX')
      .exec()
      .catch((error: Error) => this.logger.warn(`Login failure not counted: ${error.message}`));
  }
}

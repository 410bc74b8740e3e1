import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../app-config.token';
import type { AppConfig } from '@libs/config';
import { ApiError } from '../errors/api-error';
import { REDIS } from '../redis.provider';

/** A limit on failed logins, counted in Redis from the first failure of a window. */
interface FailureLimit {
  name: 'address' | 'account';
  failures: number;
  windowSeconds: number;
  message: string;
}

/** Failed logins from one address within a minute, whatever the accounts, before the address must wait. */
export const PER_ADDRESS: FailureLimit = {
  name: 'address',
  failures: 30,
  windowSeconds: 60,
  message:
    'Quá nhiều lần đăng nhập sai từ địa chỉ này, hãy thử lại sau một phút / too many failed logins from this address',
};

/** Failed logins on one account within 15 minutes, whatever the addresses, before the account must wait. */
export const PER_ACCOUNT: FailureLimit = {
  name: 'account',
  failures: 10,
  windowSeconds: 15 * 60,
  message:
    'Tài khoản này bị tạm khóa đăng nhập 15 phút vì quá nhiều lần nhập sai mật khẩu / ' +
    'too many failed logins on this account, try again in 15 minutes',
};

/**
 * Failed logins counted in Redis, so every API process and machine sees the same counts:
 * - per address, whatever the accounts (password spraying: one password tried over many accounts);
 * - per account, whatever the addresses (one account guessed from many addresses); a successful login clears it.
 * Successful logins never count, so an office behind one NAT address can still log everyone in at eight o'clock.
 * Unknown usernames count like known ones (the answers must not tell them apart). If Redis is away, these limits
 * are skipped with a warning (logins go on) and the per-process limit per account and address still holds.
 */
@Injectable()
export class LoginFailureLimits {
  private readonly logger = new Logger(LoginFailureLimits.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The Redis key of one counter; under the installation's prefix, so test runs and installations stay apart. */
  key(limit: FailureLimit, subject: string): string {
    return `${this.config.queuePrefix}:login-failures:${limit.name}:${subject}`;
  }

  private counters(address: string, username: string): [FailureLimit, string][] {
    return [
      [PER_ADDRESS, this.key(PER_ADDRESS, address)],
      [PER_ACCOUNT, this.key(PER_ACCOUNT, username.toLowerCase())],
    ];
  }

  /** 429 when the address or the account has used its failures; the password is then not even checked. */
  async check(address: string, username: string): Promise<void> {
    const counters = this.counters(address, username);
    const counts = await this.redis.mget(counters.map(([, key]) => key)).catch((error: Error) => {
      this.logger.warn(`Login failure limits skipped: ${error.message}`);
      return [];
    });
    counters.forEach(([limit], i) => {
      if (Number(counts[i] ?? 0) >= limit.failures)
        throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', limit.message, { limit: limit.name });
    });
  }

  async recordFailure(address: string, username: string): Promise<void> {
    const transaction = this.redis.multi();
    for (const [limit, key] of this.counters(address, username))
      transaction.incr(key).expire(key, limit.windowSeconds, 'NX');
    await transaction.exec().catch((error: Error) => this.logger.warn(`Login failure not counted: ${error.message}`));
  }

  /** A successful login ends the account's count (the address keeps its own). */
  async recordSuccess(username: string): Promise<void> {
    await this.redis
      .del(this.key(PER_ACCOUNT, username.toLowerCase()))
      .catch((error: Error) => this.logger.warn(`Login failures of the account not cleared: ${error.message}`));
  }
}

import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Limits password guesses per account and address, so that one user's typos never lock out a whole office.
 * Failed logins per address and per account, across processes, are limited by `LoginFailureLimits`.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(request: Record<string, unknown>): Promise<string> {
    const body = request.body as { username?: unknown } | undefined;
    return `${String(request.ip)}|${typeof body?.username === 'string' ? body.username.toLowerCase() : ''}`;
  }
}

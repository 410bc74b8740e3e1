import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AccessTokens, isUnscopedAdmin, type AuthenticatedUser } from '@libs/auth';

export const DASHBOARD_PATH = '/api/admin/queues';
/** Where a browser exchanges its access token (in the Authorization header) for the dashboard's cookie. */
export const DASHBOARD_SESSION_PATH = '/api/admin/queues-session';
const COOKIE = 'queue_dashboard_token';

function bearerOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function cookieOf(request: Request): string | undefined {
  const cookie = request.headers.cookie?.split(';').find((part) => part.trim().startsWith(`${COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.trim().slice(COOKIE.length + 1)) : undefined;
}

const refusals = {
  unauthenticated: { code: 'UNAUTHENTICATED', message: 'Cần đăng nhập / a valid access token is required' },
  forbidden: { code: 'FORBIDDEN', message: 'Chỉ quản trị toàn hệ thống / admins of everything only' },
  queueUnavailable: {
    code: 'QUEUE_UNAVAILABLE',
    message: 'Hàng đợi (Redis) tạm thời không truy cập được, xin thử lại sau / the queues (Redis) are unavailable',
  },
};

/** The dashboard's data calls (under its `api/`) read the queues in Redis; its page and assets do not. */
const readsQueues = (request: Request) => request.path.startsWith('/api/');

/**
 * Bull Board, for admins of everything only (the queues serve every organisation). A token never travels in the
 * URL, where logs and browser history would keep it: the page first POSTs its access token in the Authorization
 * header to the session path, which answers with an HttpOnly, SameSite=Strict cookie limited to the dashboard's
 * path (Secure when the request came over TLS, as seen through a trusted proxy). Every request re-checks the
 * token, so a revoked user loses the dashboard at once. Its data calls answer 503 QUEUE_UNAVAILABLE when
 * `redisAnswers` says Redis is away: BullMQ's connections wait for Redis to come back, so they would hang instead.
 */
export function mountQueueDashboard(
  app: NestExpressApplication,
  queues: Queue[],
  redisAnswers: () => Promise<boolean>,
): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter: adapter,
  });

  const tokens = app.get(AccessTokens);
  const admitted = async (token: string | undefined, response: Response): Promise<AuthenticatedUser | null> => {
    const user = token ? await tokens.verify(token) : null;
    if (!user) response.status(401).json(refusals.unauthenticated);
    else if (!isUnscopedAdmin(user)) response.status(403).json(refusals.forbidden);
    else return user;
    return null;
  };

  app.use(DASHBOARD_SESSION_PATH, async (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'POST') return next();
    const token = bearerOf(request);
    if (!(await admitted(token, response))) return;
    response.cookie(COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: DASHBOARD_PATH,
    });
    response.status(204).end();
  });
  app.use(
    DASHBOARD_PATH,
    async (request: Request, response: Response, next: NextFunction) => {
      if (!(await admitted(bearerOf(request) ?? cookieOf(request), response))) return;
      if (readsQueues(request) && !(await redisAnswers()))
        response.status(503).setHeader('Retry-After', '5').json(refusals.queueUnavailable);
      else next();
    },
    adapter.getRouter(),
  );
}

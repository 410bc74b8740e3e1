import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JwtService } from '@nestjs/jwt';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedUser } from '@libs/auth';

export const DASHBOARD_PATH = '/api/admin/queues';
const COOKIE = 'queue_dashboard_token';

function tokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  if (typeof request.query.token === 'string') return request.query.token;
  const cookie = request.headers.cookie?.split(';').find((part) => part.trim().startsWith(`${COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.split('=')[1]) : undefined;
}

/**
 * Bull Board for admins only. A browser opens `/api/admin/queues?token=<accessToken>` once; the token is then kept
 * in an HTTP-only cookie limited to the dashboard's path, for the page's own requests.
 */
export function mountQueueDashboard(app: NestExpressApplication, queues: Queue[]): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter: adapter,
  });

  const jwt = app.get(JwtService);
  const adminsOnly = async (request: Request, response: Response, next: NextFunction) => {
    const token = tokenOf(request);
    let user: AuthenticatedUser | undefined;
    try {
      user = token ? await jwt.verifyAsync<AuthenticatedUser>(token) : undefined;
    } catch {
      user = undefined;
    }
    if (!user)
      return response
        .status(401)
        .json({ code: 'UNAUTHENTICATED', message: 'Cần đăng nhập / a valid access token is required' });
    if (!user.roles.includes('admin'))
      return response.status(403).json({ code: 'FORBIDDEN', message: 'Chỉ quản trị / admins only' });
    if (typeof request.query.token === 'string')
      response.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: DASHBOARD_PATH });
    next();
  };
  app.use(DASHBOARD_PATH, adminsOnly, adapter.getRouter());
}

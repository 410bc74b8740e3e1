import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Paths that belong to the API, never to the single-page application. */
const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

/**
 * The built web application at `/`: its hashed assets cached for a year and sent as compressed at build time
 * (brotli, else gzip, as the browser accepts: a third of the bytes on a phone's connection), `index.html` for every other GET that
 * asks for a page (client routes such as `/ho-so/…`), never for `/api`, `/health` and `/metrics`. Without a build:
 * API only.
 */
export function mountWebApp(app: NestExpressApplication, root: string): boolean {
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('WebApp').warn(`No web application at ${root} (run npm run build): serving the API only`);
    return false;
  }
  app.use(
    '/assets',
    expressStaticGzip(join(root, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { immutable: true, maxAge: '1y', fallthrough: false },
    }),
  );
  // A file of the build never answers for the server's paths, which are not looked up on disk either.
  const files = express.static(root, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) =>
    SERVER_PATHS.test(request.path) ? next() : files(request, response, next),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || SERVER_PATHS.test(request.path) || !request.accepts('html')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}

import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@libs/config';
import { startTestApp, type TestApp } from '../../support/test-app';
import { buildWebApp } from './web-build';

export interface WebTestApp extends TestApp {
  /** `http://127.0.0.1:<port>`: the API and the web application it serves, on a throw-away database. */
  baseURL: string;
}

/** The real API on a database of the suite's own, listening on a free port and serving the freshly built application. */
export async function startWebTestApp(suite: string, overrides: Partial<AppConfig> = {}): Promise<WebTestApp> {
  const t = await startTestApp(suite, { webRoot: buildWebApp(), ...overrides });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return { ...t, baseURL: `http://127.0.0.1:${port}` };
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from './support/test-app';

describe('The API serves the web application at / (SPA fallback), leaving /api, /health and /metrics alone', () => {
  let t: TestApp;
  const webRoot = mkdtempSync(join(tmpdir(), 'web-serving-'));
  const SCRIPT = `console.log(${JSON.stringify('Kết nạp '.repeat(200))});`;

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Kết nạp đảng viên</title>');
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), SCRIPT);
    // The build writes each asset compressed beside it (vite-plugin-compression2).
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
    // Files named like the server's paths, which must never answer for them.
    writeFileSync(join(webRoot, 'health'), 'a file');
    mkdirSync(join(webRoot, 'api'));
    writeFileSync(join(webRoot, 'api', 'organizations'), 'a file');
    t = await startTestApp('web-serving', { webRoot });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers the page at / and at a client route, not cached, under the Content Security Policy', async () => {
    for (const path of ['/', '/ho-so/2f1d0c1e-0000-4000-8000-000000000000', '/thong-bao']) {
      const response = await t.http().get(path).set('Accept', 'text/html').expect(200);
      expect(response.text).toContain('Kết nạp đảng viên');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets for a year, and a missing asset is a 404, not the page', async () => {
    const asset = await t.http().get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await t.http().get('/assets/missing.js').expect(404);
  });

  it('sends the file compressed at build time as the browser accepts: brotli first, else gzip, else as it is', async () => {
    const cases = [
      { accepts: 'gzip, deflate, br', encoding: 'br', bytes: brotliCompressSync(SCRIPT).length },
      { accepts: 'gzip', encoding: 'gzip', bytes: gzipSync(SCRIPT).length },
      { accepts: 'identity', encoding: undefined, bytes: Buffer.byteLength(SCRIPT) },
    ];
    for (const { accepts, encoding, bytes } of cases) {
      // supertest decodes the body: the length sent says which file went out.
      const response = await t.http().get('/assets/index-abc123.js').set('Accept-Encoding', accepts).expect(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(Number(response.headers['content-length'])).toBe(bytes);
      expect(response.headers['content-type']).toContain('javascript');
      expect(response.headers.vary).toContain('Accept-Encoding');
      expect(response.text).toBe(SCRIPT);
    }
  });

  it('keeps /api and /health as they were: JSON, and a JSON 404 for an unknown API path', async () => {
    const missing = await t.http().get('/api/no-such-thing').set('Accept', 'text/html').expect(404);
    expect(missing.body.code).toBeDefined();
    await t.http().get('/api/dossiers').expect(401);
    // A scraper's Accept ends in */*: the metrics stay the server's (closed here: no token), never the page.
    const metrics = await t.http().get('/metrics').set('Accept', 'text/plain;q=0.5,*/*;q=0.1');
    expect(metrics.text).not.toContain('Kết nạp đảng viên');
    const health = await t.http().get('/health').expect(200);
    expect(health.body.status).toBe('ok');
    const organizations = await t.http().get('/api/organizations').expect(401);
    expect(organizations.body.code).toBeDefined();
  });
});

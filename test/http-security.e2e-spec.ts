import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { bearer, expectStatus } from './support/dossier-helpers';
import { importMembers, MEMBER_CSV_HEADER } from './support/member-csv';
import { startTestApp, type TestApp } from './support/test-app';
import { binaryBody } from './support/waiting';

describe('HTTP security: headers, CORS, body limits, spreadsheet exports', () => {
  let t: TestApp;
  let specialist: string;

  beforeAll(async () => {
    t = await startTestApp('httpsec');
    await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
    specialist = await t.token('chuyenvien');
  });
  afterAll(() => t.close());

  it("sends helmet's headers with a CSP for the web application, and no x-powered-by", async () => {
    const response = await t.http().get('/health');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const error = await t.http().get('/api/dossiers');
    expect(error.status).toBe(401);
    expect(error.headers['x-powered-by']).toBeUndefined();
    expect(error.headers['content-security-policy']).toBe(csp);
  });

  it('keeps CORS off unless CORS_ORIGINS names the origin', async () => {
    const preflight = await t
      .http()
      .options('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await t.http().get('/health').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();

    const withCors = await startTestApp('httpsec-cors', { corsOrigins: ['https://dangvien.example.vn'] });
    try {
      const allowed = await withCors
        .http()
        .options('/api/auth/login')
        .set('Origin', 'https://dangvien.example.vn')
        .set('Access-Control-Request-Method', 'POST');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://dangvien.example.vn');
      const other = await withCors.http().get('/health').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await withCors.close();
    }
  });

  it('limits JSON bodies to 256 kB and takes larger CSV files on the import route only', async () => {
    const big = { name: 'x'.repeat(300 * 1024), kind: 'cell', parentId: t.tree.grassroots };
    const tooLarge = await t
      .http()
      .post('/api/organizations')
      .set('Authorization', bearer(await t.token('admin')))
      .send(big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');

    const malformed = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('INVALID_REQUEST');

    // One megabyte of CSV (rows refused for their dates, so nothing is stored) passes the body limit of the import.
    const line = `Tên,1990-02-30,male,Kinh,Không,university,upperSecondary,teacher,true,${t.tree.cell},2020-01-01,2020-01-10,`;
    const rows = Array.from({ length: Math.ceil((1024 * 1024) / line.length) }, () => line);
    const imported = await importMembers(t, specialist, rows);
    // A file this long is imported in the background; it is waited for, so that it ends with the suite.
    expect(imported.status).toBe(202);
    for (;;) {
      const status = await t.http().get(imported.body.statusUrl).set('Authorization', bearer(specialist)).expect(200);
      if (status.body.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elsewhere = await t
      .http()
      .post('/api/organizations')
      .set('Authorization', bearer(await t.token('admin')))
      .set('Content-Type', 'text/csv')
      .send([MEMBER_CSV_HEADER, ...rows].join('\n'));
    expect(elsewhere.status).toBe(400);
  });

  it('exports CSV and XLSX whose text cells cannot run as formulas', async () => {
    const members = [
      ["=cmd|' /C calc'!A0", 'Kinh', '@SUM(1)'],
      ['+1+1', '-2+3', '\tTab'],
    ].map(
      ([fullName, ethnicity, religion]) =>
        `"${fullName}",1990-01-01,male,"${ethnicity}","${religion}",university,upperSecondary,teacher,true,${t.tree.cell},2022-03-01,2022-03-10,2023-03-10`,
    );
    const imported = expectStatus(await importMembers(t, specialist, members), 200);
    expect(imported.body.imported).toBe(2);

    const csv = await t
      .http()
      .get('/api/reports/admissions?from=2022-01-01&to=2022-12-31&format=csv')
      .set('Authorization', bearer(specialist))
      .expect(200);
    const cells: string[] = parse(csv.text.replace(/^\uFEFF/, ''), {
      delimiter: ';',
      relax_column_count: true,
    }).flat();
    expect(cells).toContain("'@SUM(1)");
    expect(cells).toContain("'-2+3");
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);

    const xlsx = await t
      .http()
      .get('/api/reports/admissions?from=2022-01-01&to=2022-12-31&format=xlsx')
      .set('Authorization', bearer(specialist))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
          expect(cell.formula).toBeUndefined();
        }),
      ),
    );
    expect(texts).toContain("'@SUM(1)");
    expect(texts.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([]);
  });
});

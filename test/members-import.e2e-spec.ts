import { randomUUID } from 'node:crypto';
import { bearer, expectStatus } from './support/dossier-helpers';
import { nextNationalId } from './support/national-ids';
import { startTestApp, type TestApp } from './support/test-app';

const HEADER =
  'fullName,nationalId,dateOfBirth,gender,ethnicity,religion,educationLevel,generalEducation,occupation,youthUnionMember,cellId,decisionOn,admittedOn,officialFrom';

/** The import of past members: one transaction, idempotent per file, large files in the background. */
describe('importing past members', () => {
  let t: TestApp;
  let specialist: string;

  beforeAll(async () => {
    t = await startTestApp('memberimport');
    await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
    await t.createUser('chuyenvien2', ['specialist'], t.tree.committee);
    specialist = await t.token('chuyenvien');
  });
  afterAll(() => t.close());

  const line = (name: string, cellId = t.tree.cell, nationalId = '', officialFrom = '2021-03-10') =>
    `${name},${nationalId},1990-01-01,male,Kinh,Không,university,upperSecondary,teacher,true,${cellId},2020-03-01,2020-03-10,${officialFrom}`;
  const file = (...lines: string[]) => [HEADER, ...lines].join('\n');
  const send = (csv: string, query = '', token = specialist, key?: string) => {
    const request = t
      .http()
      .post(`/api/members/import${query}`)
      .set('Authorization', bearer(token))
      .set('Content-Type', 'text/csv');
    return (key ? request.set('Idempotency-Key', key) : request).send(csv);
  };
  const countNamed = async (prefix: string) =>
    (
      await t
        .http()
        .get(`/api/dossiers?q=${encodeURIComponent(prefix)}&limit=1`)
        .set('Authorization', bearer(specialist))
        .expect(200)
    ).body.total;

  it('answers a bad cellId on line 4 with its line, not a 500, and stores nothing of an all-or-nothing file', async () => {
    const csv = file(
      line('Tất cả A'),
      line('Tất cả B'),
      line('Tất cả C'),
      line('Tất cả D', '------------------------------------'),
    );
    const refused = await send(csv, '?mode=allOrNothing');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'IMPORT_REFUSED', imported: 0, mode: 'allOrNothing' });
    expect(refused.body.rejected.map((r: { line: number }) => r.line)).toEqual([5]);
    expect(await countNamed('Tất cả')).toBe(0);

    const perLine = expectStatus(await send(csv.replaceAll('Tất cả', 'Từng dòng')), 200);
    expect(perLine.body).toMatchObject({ imported: 3, mode: 'perLine', importId: expect.any(String) });
    expect(perLine.body.rejected).toEqual([{ line: 5, message: expect.stringContaining('cellId') }]);
    expect(await countNamed('Từng dòng')).toBe(3);
  });

  it('imports the same file once: a second upload answers the first result', async () => {
    const csv = file(line('Hai lần A'), line('Hai lần B'));
    const first = expectStatus(await send(csv), 200);
    const second = expectStatus(await send(csv, '', await t.token('chuyenvien2')), 200);
    expect(second.body).toEqual({ ...first.body, replayed: true });
    expect(await countNamed('Hai lần')).toBe(2);

    const key = randomUUID();
    const keyed = expectStatus(await send(file(line('Khóa A')), '', specialist, key), 200);
    // A retry with the same key is the same import, even if the client rebuilt the file differently.
    const retried = expectStatus(await send(file(line('Khóa A'), line('Khóa B')), '', specialist, key), 200);
    expect(retried.body).toEqual({ ...keyed.body, replayed: true });
    expect(await countNamed('Khóa')).toBe(1);
  });

  it('keeps one open dossier per person: a second line with the same nationalId is refused, or stops the file', async () => {
    const id = nextNationalId();
    const csv = file(line('Trùng số A', t.tree.cell, id, ''), line('Trùng số B', t.tree.cell, id, ''));
    const refused = await send(csv, '?mode=allOrNothing');
    expect(refused.status).toBe(422);
    expect(refused.body.rejected).toEqual([{ line: 3, message: expect.stringContaining('DUPLICATE_CANDIDATE') }]);
    expect(await countNamed('Trùng số')).toBe(0);
    const perLine = expectStatus(await send(csv), 200);
    expect(perLine.body.imported).toBe(1);
    expect(perLine.body.rejected).toEqual([{ line: 3, message: expect.stringContaining('DUPLICATE_CANDIDATE') }]);
  });

  it('imports a large file in the background: 202, a status URL with progress, the same outcome', async () => {
    const lines = Array.from({ length: 1_500 }, (_, i) => line(`Nền ${i + 1}`));
    const accepted = await send(file(...lines));
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(accepted.body.statusUrl);
    expect(accepted.body).toMatchObject({ status: 'running', total: 1_500, mode: 'perLine' });
    const seen: number[] = [];
    let status;
    for (;;) {
      status = expectStatus(await t.http().get(accepted.body.statusUrl).set('Authorization', bearer(specialist)), 200);
      seen.push(status.body.processed);
      if (status.body.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status.body).toMatchObject({ status: 'done', imported: 1_500, rejected: [], processed: 1_500 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await countNamed('Nền')).toBe(1_500);
    // Another user does not see someone else's import.
    const other = await t
      .http()
      .get(accepted.body.statusUrl)
      .set('Authorization', bearer(await t.token('chuyenvien2')));
    expect(other.status).toBe(404);
  });
});

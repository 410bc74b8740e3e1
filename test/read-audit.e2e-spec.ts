import { DataSource } from 'typeorm';
import { openClass } from './support/class-helpers';
import { ReadAuditWriter } from '@apps/api/audit/read-audit.writer';
import { bearer, createDossier, dossierBefore, expectStatus, pathActors, type Tokens } from './support/dossier-helpers';
import { startTestApp, type TestApp } from './support/test-app';

interface AuditItem {
  readAt: string;
  user: { id: string; username: string };
  dossierId: string | null;
  subject: string | null;
  what: string;
  address: string | null;
}

describe('who read what', () => {
  let t: TestApp;
  let tokens: Tokens;
  let admin: string;
  let inspector: string;
  let foreignInspector: string;
  let specialistId: string;
  let mine: string;
  let foreign: string;
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await startTestApp('audit');
    tokens = await pathActors(t);
    admin = await t.token('admin');
    await t.createUser('thanhtra', ['inspector'], t.tree.grassroots);
    inspector = await t.token('thanhtra');
    await t.createUser('thanhtra-babe', ['inspector'], t.tree.otherCommittee);
    foreignInspector = await t.token('thanhtra-babe');
    await t.createUser('bithu-nakhao', ['cellSecretary'], t.tree.foreignCell);
    const foreignSecretary = await t.token('bithu-nakhao');
    [{ id: specialistId }] = await db().query(`SELECT id FROM users WHERE username = 'chuyenvien'`);
    mine = (await createDossier(t, tokens.cell)).id;
    foreign = (await createDossier(t, foreignSecretary, { cellId: t.tree.foreignCell })).id;
  });
  afterAll(() => t.close());

  const get = (path: string, token: string) => t.http().get(path).set('Authorization', bearer(token));
  const audit = async (query: string, token = admin) =>
    expectStatus(await get(`/api/audit?${query}`, token), 200).body as { items: AuditItem[]; total: number };

  it('records a read of the dossier, its history and its refusals, with who, when and from where', async () => {
    for (const path of ['', '/history', '/rejections'])
      expectStatus(await get(`/api/dossiers/${mine}${path}`, tokens.specialist), 200);
    const { items } = await audit(`dossierId=${mine}&userId=${specialistId}`);
    expect(items.map((item) => item.what).sort()).toEqual(['dossier', 'history', 'rejections']);
    for (const item of items) {
      expect(item.user).toEqual({ id: specialistId, username: 'chuyenvien' });
      expect(item.dossierId).toBe(mine);
      expect(item.address).toMatch(/127\.0\.0\.1|::1/);
      expect(Number.isNaN(Date.parse(item.readAt))).toBe(false);
    }
  });

  it('records each dossier of a list answer in one statement', async () => {
    await createDossier(t, tokens.cell);
    await t.createUser('chuyenvien-2', ['specialist'], t.tree.committee);
    const reader = await t.token('chuyenvien-2');
    const listed = expectStatus(await get('/api/dossiers?limit=100', reader), 200).body.items as { id: string }[];
    await t.app.get(ReadAuditWriter).flushed();
    const rows = await db().query(
      `SELECT dossier_id AS "dossierId", read_at AS "readAt" FROM read_audit WHERE username = 'chuyenvien-2'`,
    );
    expect(rows.map((row: { dossierId: string }) => row.dossierId).sort()).toEqual(listed.map((d) => d.id).sort());
    // now() is the statement's time: one value for every row means one INSERT.
    expect(new Set(rows.map((row: { readAt: Date }) => row.readAt.toISOString())).size).toBe(1);
  });

  it('records nothing for a refused read', async () => {
    await t.createUser('thanhtra-3', ['specialist'], t.tree.otherCommittee);
    const outsider = await t.token('thanhtra-3');
    expect((await get(`/api/dossiers/${mine}`, outsider)).status).toBe(404);
    await t.app.get(ReadAuditWriter).flushed();
    const [{ count }] = await db().query(`SELECT count(*)::int AS count FROM read_audit WHERE username = 'thanhtra-3'`);
    expect(count).toBe(0);
  });

  it('shows inspectors the reads of dossiers in their scope only', async () => {
    expectStatus(await get(`/api/dossiers/${foreign}`, admin), 200);
    const scoped = await audit('limit=1000', inspector);
    expect(scoped.items.length).toBeGreaterThan(0);
    expect(scoped.items.every((item) => item.dossierId !== foreign)).toBe(true);
    const other = await audit('limit=1000', foreignInspector);
    expect(other.items.length).toBeGreaterThan(0);
    expect(other.items.every((item) => item.dossierId === foreign)).toBe(true);
    expect((await get(`/api/audit?dossierId=${foreign}`, inspector)).status).toBe(404);
    expect((await get(`/api/audit?dossierId=${foreign}`, admin)).status).toBe(200);
  });

  it('refuses other roles', async () => {
    for (const token of [tokens.cell, tokens.specialist, tokens.member1])
      expect((await get('/api/audit', token)).status).toBe(403);
    expect((await t.http().get('/api/audit')).status).toBe(401);
  });

  it('filters by period in Vietnam days', async () => {
    const all = await audit(`dossierId=${mine}&from=2000-01-01&to=2199-12-31`);
    expect(all.total).toBeGreaterThanOrEqual(3);
    const none = await audit(`dossierId=${mine}&from=2000-01-01&to=2000-12-31`);
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('answers 400 INVALID_REQUEST for a bad query', async () => {
    for (const query of ['from=2025-02-01&to=2025-01-01', 'userId=abc', 'from=2025-13-01', 'limit=0', 'other=1']) {
      const response = await get(`/api/audit?${query}`, admin);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_REQUEST');
    }
  });

  it('exports the reads as CSV', async () => {
    const response = expectStatus(await get(`/api/audit?dossierId=${mine}&format=csv`, admin), 200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Thời điểm;Người đọc;Mã người dùng;Mã hồ sơ;Nội dung đọc;Trang đọc;Địa chỉ;Mã yêu cầu');
    const { total } = await audit(`dossierId=${mine}`);
    expect(lines.length - 1).toBe(total);
    expect(lines.slice(1).every((line) => line.includes(mine))).toBe(true);
  });

  describe('reads beyond the dossier itself', () => {
    let classId: string;
    let voted: string;
    let reader: string;
    let readerId: string;
    const readsOf = async (what: string) =>
      (await audit(`userId=${readerId}&what=${what}&limit=1000`)).items.map(({ dossierId, subject }) => ({
        dossierId,
        subject,
      }));

    beforeAll(async () => {
      readerId = await t.createUser('chuyenvien-doc', ['specialist'], t.tree.committee);
      reader = await t.token('chuyenvien-doc');
      // Past the cell vote: documents to download, and steps overdue today for the compliance report.
      voted = (await dossierBefore(t, tokens, 'RECORD_GRASSROOTS_VOTE')).id;
      classId = await openClass(t, tokens.specialist, 'Lớp nhận thức về Đảng khóa 3', t.tree.grassroots, [
        { dossierId: mine },
        { fullName: 'Trần Văn Đức' },
      ]);
    });

    it('records the list of a dossier’s documents and each download', async () => {
      const documents = expectStatus(await get(`/api/dossiers/${voted}/documents`, reader), 200).body;
      expect(await readsOf('documents')).toEqual([{ dossierId: voted, subject: null }]);
      expect(documents.length).toBeGreaterThan(0);
      const path = `/api/dossiers/${voted}/documents/${encodeURIComponent(documents[0].code)}`;
      expectStatus(await get(path, reader), 200);
      expect(await readsOf('document')).toEqual([{ dossierId: voted, subject: null }]);
    });

    it('records a class: each participant’s dossier and the class itself, in the organiser’s scope', async () => {
      const shown = expectStatus(await get(`/api/classes/${classId}`, reader), 200).body;
      expect(shown).not.toHaveProperty('organizerPath');
      expect(shown.participants).toHaveLength(2);
      expect(await readsOf('class')).toEqual(
        expect.arrayContaining([
          { dossierId: mine, subject: null },
          { dossierId: null, subject: `/api/classes/${classId}` },
        ]),
      );
      expect(await readsOf('class')).toHaveLength(2);
      // The class belongs to the grassroots organisation: its inspector sees the read, another committee's does not.
      const scoped = await audit(`userId=${readerId}&what=class`, inspector);
      expect(scoped.total).toBe(2);
      expect((await audit(`userId=${readerId}&what=class`, foreignInspector)).total).toBe(0);
      // The list of classes shows counts only, no one's data: it is not recorded.
      expectStatus(await get('/api/classes', reader), 200);
      expect(await readsOf('class')).toHaveLength(2);
    });

    it('records the certificates of a class', async () => {
      expectStatus(
        await t
          .http()
          .post(`/api/classes/${classId}/close`)
          .set('Authorization', bearer(tokens.specialist))
          .send({ closedOn: '2024-05-10', certificatePrefix: 'NT-K3' }),
        200,
      );
      expectStatus(await get(`/api/classes/${classId}/certificates`, reader), 200);
      expect(await readsOf('certificates')).toEqual(
        expect.arrayContaining([
          { dossierId: mine, subject: null },
          { dossierId: null, subject: `/api/classes/${classId}/certificates` },
        ]),
      );
    });

    it('records reports and their exports, with the query that made them', async () => {
      const paths = ['admissions', 'votes'].flatMap((report) =>
        ['csv', 'json', 'xlsx'].map((format) => `/api/reports/${report}?orgId=${t.tree.grassroots}&format=${format}`),
      );
      for (const path of paths) expectStatus(await get(path, reader), 200);
      const reports = await readsOf('report');
      expect(reports.map((read) => read.subject).sort()).toEqual(paths.sort());
      expect(reports.every((read) => read.dossierId === null)).toBe(true);
      expect((await audit(`userId=${readerId}&what=report`, inspector)).total).toBe(paths.length);
      expect((await audit(`userId=${readerId}&what=report`, foreignInspector)).total).toBe(0);
    });

    it('records each dossier a compliance report names', async () => {
      const report = expectStatus(
        await get(`/api/reports/compliance?orgId=${t.tree.grassroots}&from=2000-01-01`, reader),
        200,
      ).body;
      const named = new Set<string>(
        report.organizations.flatMap(
          (row: {
            completedLate: { items: { dossierId: string }[] };
            overdueNow: { items: { dossierId: string }[] };
          }) => [...row.completedLate.items, ...row.overdueNow.items].map((item) => item.dossierId),
        ),
      );
      expect(named.has(voted)).toBe(true);
      const reads = (await readsOf('report')).filter(
        (read) => !read.subject?.includes('admissions') && !read.subject?.includes('votes'),
      );
      expect(
        reads
          .filter((read) => read.dossierId)
          .map((read) => read.dossierId)
          .sort(),
      ).toEqual([...named].sort());
      expect(reads.filter((read) => !read.dossierId)).toHaveLength(1);
    });
  });

  it('is append-only', async () => {
    await expect(db().query(`UPDATE read_audit SET username = 'ai-do'`)).rejects.toThrow(/append-only/);
    await expect(db().query('DELETE FROM read_audit')).rejects.toThrow(/append-only/);
  });
});

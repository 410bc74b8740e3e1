import { addDays, addMonths } from '@workflows/common/local-date';
import { bearer, expectStatus } from './support/dossier-helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';

const today = TEST_TODAY;
const year = today.slice(0, 4);
const reorganisedOn = addDays(today, -20);

/** Admitted members per cell and year, as a committee imports them from its registers. */
function membersCsv(rows: [cellId: string, admittedOn: string][]): string {
  const header =
    'fullName,dateOfBirth,gender,ethnicity,religion,educationLevel,generalEducation,occupation,youthUnionMember,cellId,decisionOn,admittedOn,officialFrom';
  const lines = rows.map(([cellId, admittedOn], i) => {
    const official = addMonths(admittedOn, 12);
    return [
      `Đảng viên ${i + 1}`,
      '1990-03-01',
      i % 2 ? 'male' : 'female',
      'Tày',
      'Không',
      'university',
      'upperSecondary',
      'teacher',
      'true',
      cellId,
      addDays(admittedOn, -10),
      admittedOn,
      official < today ? official : '',
    ].join(',');
  });
  return [header, ...lines].join('\n');
}

describe('admissions reports over a reorganisation: the historical and the current tree add up', () => {
  let t: TestApp;
  let admin: string;
  let province: string;
  let ward: string;

  const admitted = async (orgId: string, from: string, to: string, tree: 'historical' | 'current') => {
    const body = expectStatus(
      await t
        .http()
        .get(`/api/reports/admissions?orgId=${orgId}&from=${from}&to=${to}&tree=${tree}`)
        .set('Authorization', bearer(admin)),
      200,
    ).body;
    expect(body.tree).toBe(tree);
    return body.totals.admitted as number;
  };
  const past = (orgId: string, tree: 'historical' | 'current') => admitted(orgId, '2016-01-01', '2020-12-31', tree);
  const targets = async (orgId: string, tree: 'historical' | 'current') => {
    const body = expectStatus(
      await t
        .http()
        .get(`/api/reports/admissions?orgId=${orgId}&from=2019-01-01&to=${today}&tree=${tree}`)
        .set('Authorization', bearer(admin)),
      200,
    ).body;
    const byYear = new Map(body.years.map((row: { year: number; target: number | null }) => [row.year, row.target]));
    return { 2019: byYear.get(2019), [year]: byYear.get(Number(year)) };
  };
  const setQuota = async (orgId: string, quotaYear: string | number, target: number) =>
    expectStatus(
      await t.http().put(`/api/quotas/${orgId}/${quotaYear}`).set('Authorization', bearer(admin)).send({ target }),
      200,
    );
  const thisYear = (orgId: string, tree: 'historical' | 'current') => admitted(orgId, `${year}-01-01`, today, tree);

  beforeAll(async () => {
    t = await startTestApp('reports_over_time');
    admin = await t.token('admin');
    const rows: [string, string][] = [
      ...Array.from({ length: 3 }, (): [string, string] => [t.tree.cell, '2018-05-10']),
      ...Array.from({ length: 2 }, (): [string, string] => [t.tree.otherCell, '2019-09-02']),
      ...Array.from({ length: 4 }, (): [string, string] => [t.tree.delegatedCell, '2020-03-15']),
      [t.tree.cell, addDays(reorganisedOn, -3)],
    ];
    const imported = await t
      .http()
      .post('/api/members/import')
      .set('Authorization', bearer(admin))
      .set('Content-Type', 'text/csv')
      .send(membersCsv(rows));
    expect(expectStatus(imported, 200).body.imported).toBe(rows.length);
  });
  afterAll(() => t.close());

  it('before any change, both trees are one', async () => {
    await setQuota(t.tree.cell, 2019, 2);
    await setQuota(t.tree.otherCell, 2019, 3);
    await setQuota(t.tree.delegatedCell, 2019, 4);
    await setQuota(t.tree.otherCell, year, 1);
    await setQuota(t.tree.delegatedCell, year, 2);
    for (const tree of ['historical', 'current'] as const)
      expect(await targets(t.tree.committee, tree)).toEqual({ 2019: 9, [year]: 3 });
    expect(await past(t.tree.committee, 'historical')).toBe(9);
    expect(await past(t.tree.committee, 'current')).toBe(9);
    expect((await past(t.tree.grassroots, 'historical')) + (await past(t.tree.delegatedGrassroots, 'historical'))).toBe(
      9,
    );
  });

  it('after the city committee is merged into the province and a ward takes one grassroots, both trees add up', async () => {
    const create = async (body: object) =>
      expectStatus(await t.http().post('/api/organizations').set('Authorization', bearer(admin)).send(body), 201).body
        .id as string;
    province = await create({ name: 'Tỉnh ủy Thái Nguyên', kind: 'committee', committeeSize: 15 });
    ward = await create({
      name: 'Đảng ủy phường Đức Xuân',
      kind: 'committee',
      parentId: province,
      committeeSize: 9,
      openedOn: reorganisedOn,
    });
    expectStatus(
      await t
        .http()
        .patch(`/api/organizations/${t.tree.grassroots}`)
        .set('Authorization', bearer(admin))
        .send({ parentId: ward, effectiveFrom: reorganisedOn }),
      200,
    );
    expectStatus(
      await t
        .http()
        .post(`/api/organizations/${t.tree.committee}/merge`)
        .set('Authorization', bearer(admin))
        .send({ intoId: province, effectiveFrom: reorganisedOn }),
      200,
    );

    // The province covers the merged committee's past: the same total in either tree.
    expect(await past(province, 'historical')).toBe(9);
    expect(await past(province, 'current')).toBe(9);
    // Historically the nine were admitted under the city committee; today they sit under the ward and the police.
    expect(await past(t.tree.committee, 'historical')).toBe(9);
    expect(await past(t.tree.committee, 'current')).toBe(0);
    expect(await past(ward, 'historical')).toBe(0);
    expect(await past(ward, 'current')).toBe(5);
    expect(await past(t.tree.delegatedGrassroots, 'current')).toBe(4);
    expect((await past(ward, 'current')) + (await past(t.tree.delegatedGrassroots, 'current'))).toBe(
      await past(province, 'historical'),
    );
    // This year's admission before the reorganisation stays the city's in the historical tree.
    expect(await thisYear(t.tree.committee, 'historical')).toBe(1);
    expect(await thisYear(ward, 'current')).toBe(1);
    expect(await thisYear(province, 'historical')).toBe(await thisYear(province, 'current'));
  });

  it("gives the province's users the merged city committee's past: its tree then and its dossiers", async () => {
    await t.createUser('chuyenvien.tinh', ['specialist'], province);
    const specialist = await t.token('chuyenvien.tinh');
    const then: { id: string; children: { id: string }[] }[] = expectStatus(
      await t.http().get('/api/organizations?asOf=2018-05-10').set('Authorization', bearer(specialist)),
      200,
    ).body;
    expect(then.map((node) => node.id)).toEqual(expect.arrayContaining([t.tree.committee, province]));
    const city = then.find((node) => node.id === t.tree.committee)!;
    expect(city.children.map((node) => node.id)).toEqual(
      expect.arrayContaining([t.tree.grassroots, t.tree.delegatedGrassroots]),
    );
    const listed = expectStatus(
      await t.http().get(`/api/dossiers?cellId=${t.tree.cell}&limit=100`).set('Authorization', bearer(specialist)),
      200,
    ).body;
    expect(listed.total).toBe(4);
    const history = await t
      .http()
      .get(`/api/dossiers/${listed.items[0].id}/history`)
      .set('Authorization', bearer(specialist));
    expect(expectStatus(history, 200).body[0]).toMatchObject({ type: 'IMPORT_RECORD', orgId: t.tree.cell });
    expect(await past(province, 'historical')).toBe(9);
  });

  it('counts a cell merged across parents once: its past under its old parent, its quotas from the merge year in its target', async () => {
    const mergedOn = addDays(today, -10);
    expectStatus(
      await t
        .http()
        .post(`/api/organizations/${t.tree.otherCell}/merge`)
        .set('Authorization', bearer(admin))
        .send({ intoId: t.tree.delegatedCell, effectiveFrom: mergedOn }),
      200,
    );
    const { grassroots, delegatedGrassroots } = t.tree;
    // The two admissions of 2019 were the Education grassroots' then; today their dossiers sit with the police.
    expect(await past(grassroots, 'historical')).toBe(5);
    expect(await past(delegatedGrassroots, 'historical')).toBe(4);
    expect(await past(grassroots, 'current')).toBe(3);
    expect(await past(delegatedGrassroots, 'current')).toBe(6);
    for (const tree of ['historical', 'current'] as const) {
      expect((await past(grassroots, tree)) + (await past(delegatedGrassroots, tree))).toBe(9);
      expect(await past(province, tree)).toBe(9);
    }
    // Quotas: 2019's stays where the cell stood that year (historical) or where it stands now (current); this year's
    // joined the target's from the merge date.
    expect(await targets(grassroots, 'historical')).toEqual({ 2019: 5, [year]: null });
    expect(await targets(delegatedGrassroots, 'historical')).toEqual({ 2019: 4, [year]: 3 });
    expect(await targets(grassroots, 'current')).toEqual({ 2019: 2, [year]: null });
    expect(await targets(delegatedGrassroots, 'current')).toEqual({ 2019: 7, [year]: 3 });
    for (const tree of ['historical', 'current'] as const)
      expect(await targets(province, tree)).toEqual({ 2019: 9, [year]: 3 });
  });

  it('counts the grassroots organisations of the period, and the compliance report takes the same trees', async () => {
    const body = expectStatus(
      await t
        .http()
        .get(`/api/reports/admissions?orgId=${province}&from=2016-01-01&to=2020-12-31`)
        .set('Authorization', bearer(admin)),
      200,
    ).body;
    expect(body.tree).toBe('historical');
    expect(body.grassroots).toEqual({ total: 2, withAdmission: 2, share: 1 });
    for (const tree of ['historical', 'current']) {
      const compliance = expectStatus(
        await t
          .http()
          .get(`/api/reports/compliance?orgId=${province}&from=2016-01-01&tree=${tree}`)
          .set('Authorization', bearer(admin)),
        200,
      ).body;
      expect(compliance.tree).toBe(tree);
      const ids = compliance.organizations.map((org: { id: string }) => org.id);
      expect(ids).toContain(province);
      // The historical tree names the organisations of the period too, the merged city committee among them.
      expect(ids.includes(t.tree.committee)).toBe(true);
    }
    const bad = await t
      .http()
      .get(`/api/reports/admissions?orgId=${province}&tree=yesterday`)
      .set('Authorization', bearer(admin));
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_REQUEST']);
  });
});

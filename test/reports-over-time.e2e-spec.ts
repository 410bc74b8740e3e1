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

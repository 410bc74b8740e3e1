import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { WorkingDayCalendar } from '@libs/calendar';
import { addDays, addMonths, fullMonthsBetween } from '@workflows/common/local-date';
import { nextNationalId } from './support/national-ids';
import { driveTo, pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';
import { binaryBody } from './support/waiting';
import { TEST_TODAY } from './support/test-clock';

/** A deterministic generator, so a failing population can be reproduced. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Member {
  fullName: string;
  dateOfBirth: string;
  gender: string;
  ethnicity: string;
  religion: string;
  educationLevel: string;
  generalEducation: string;
  occupation: string;
  youthUnionMember: boolean;
  cellId: string;
  decisionOn: string;
  admittedOn: string;
  officialFrom: string;
}

const today = TEST_TODAY;
const count = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
const ageBand = (m: Member) => {
  const years = Math.floor(fullMonthsBetween(m.dateOfBirth, m.admittedOn) / 12);
  return years <= 30 ? '18-30' : years <= 40 ? '31-40' : years <= 50 ? '41-50' : years <= 60 ? '51-60' : '61+';
};

describe('reports, quotas, classes and the import of past members', () => {
  let t: TestApp;
  let specialist: string;
  let tokens: ActorTokens;
  let members: Member[];
  const from = '2021-01-01';
  const to = '2025-12-31';

  beforeAll(async () => {
    t = await startTestApp('reports');
    tokens = await pathActors(t);
    specialist = tokens.specialist;
    await t.createUser('dangu.congan', ['grassrootsOfficer'], t.tree.delegatedGrassroots);
    await t.createUser('bithu.xa', ['cellSecretary'], t.tree.foreignCell);

    const next = random(20261127);
    const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
    const cells = [t.tree.cell, t.tree.otherCell, t.tree.sectionCell, t.tree.delegatedCell];
    members = Array.from({ length: 240 }, (_, i) => {
      const admittedOn = addDays('2021-01-01', Math.floor(next() * 1826));
      const official = addMonths(admittedOn, 12);
      return {
        fullName: `Đảng viên ${i + 1}`,
        dateOfBirth: addDays('1965-01-01', Math.floor(next() * 12000)),
        gender: pick(['male', 'female']),
        ethnicity: pick(['Kinh', 'Tày', 'Nùng', 'Dao']),
        religion: pick(['Không', 'Phật giáo', 'Công giáo']),
        educationLevel: pick(['none', 'intermediate', 'college', 'university', 'master']),
        generalEducation: pick(['lowerSecondary', 'upperSecondary']),
        occupation: pick(['civilServant', 'teacher', 'worker', 'farmer']),
        youthUnionMember: next() < 0.4,
        cellId: pick(cells),
        decisionOn: addDays(admittedOn, -Math.floor(5 + next() * 20)),
        admittedOn,
        officialFrom: official <= today && next() < 0.9 ? official : '',
      };
    });
  });
  afterAll(() => t.close());

  const report = (query: string, token = specialist) =>
    t.http().get(`/api/reports/admissions?${query}`).set('Authorization', `Bearer ${token}`);

  it('imports past members and reports the bad lines without stopping', async () => {
    const header = Object.keys(members[0]).join(',');
    const lines = members.map((m) => Object.values(m).join(','));
    const bad = [
      `Sai ngày,1990-02-30,male,Kinh,Không,university,upperSecondary,teacher,true,${t.tree.cell},2020-01-01,2020-01-10,`,
      `Ngoài phạm vi,1990-01-01,male,Kinh,Không,university,upperSecondary,teacher,false,${t.tree.foreignCell},2020-01-01,2020-01-10,`,
      `Sai thứ tự,1990-01-01,female,Kinh,Không,university,upperSecondary,teacher,có,${t.tree.cell},2020-02-01,2020-01-10,`,
    ];
    const response = await t
      .http()
      .post('/api/members/import')
      .set('Authorization', `Bearer ${specialist}`)
      .set('Content-Type', 'text/csv')
      .send([header, ...lines, ...bad].join('\n'))
      .expect(200);
    expect(response.body.imported).toBe(members.length);
    expect(response.body.rejected.map((r: { line: number }) => r.line)).toEqual([
      members.length + 2,
      members.length + 3,
      members.length + 4,
    ]);
    expect(response.body.rejected[0].message).toMatch(/dateOfBirth/);

    const listed = await t
      .http()
      .get('/api/dossiers?state=officialMember&limit=1')
      .set('Authorization', `Bearer ${specialist}`);
    expect(listed.body.total).toBe(members.filter((m) => m.officialFrom).length);
  });

  it('counts admissions per year against the quotas summed up the tree, exactly', async () => {
    const admin = await t.token('admin');
    for (const [org, year, target] of [
      [t.tree.grassroots, 2023, 50],
      [t.tree.delegatedGrassroots, 2023, 20],
      [t.tree.committee, 2024, 100],
    ] as const)
      await t
        .http()
        .put(`/api/quotas/${org}/${year}`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ target })
        .expect(200);

    const { body } = await report(`orgId=${t.tree.committee}&from=${from}&to=${to}`).expect(200);
    const byYear = count(members, (m) => m.admittedOn.slice(0, 4));
    expect(body.years).toEqual(
      [2021, 2022, 2023, 2024, 2025].map((year) => {
        const admitted = byYear.get(String(year)) ?? 0;
        const target = year === 2023 ? 70 : year === 2024 ? 100 : null;
        return { year, target, admitted, percentOfTarget: target ? (admitted * 100) / target : null };
      }),
    );
    expect(body.totals).toEqual({ admitted: members.length, target: null, percentOfTarget: null });
  });

  it('breaks the admitted members down every way, with exact shares', async () => {
    const { body } = await report(`orgId=${t.tree.committee}&from=${from}&to=${to}`).expect(200);
    const expectShares = (shares: { key: string; count: number; share: number }[], counts: Map<string, number>) => {
      expect(Object.fromEntries(shares.map((s) => [s.key, s.count]))).toEqual(Object.fromEntries(counts));
      for (const share of shares) expect(share.share).toBe(share.count / members.length);
    };
    const dimensions: [string, (m: Member) => string][] = [
      ['byGender', (m) => m.gender],
      ['byEducation', (m) => m.educationLevel],
      ['byGeneralEducation', (m) => m.generalEducation],
      ['byEthnicity', (m) => m.ethnicity],
      ['byReligion', (m) => m.religion],
      ['byOccupation', (m) => m.occupation],
      ['byYouthUnion', (m) => String(m.youthUnionMember)],
      ['byAgeBand', ageBand],
    ];
    for (const [name, key] of dimensions) expectShares(body[name], count(members, key));
    expect(body.byGender.find((s: { key: string }) => s.key === 'female').label).toBe('Nữ');

    const grassroots = new Set(members.map((m) => (m.cellId === t.tree.delegatedCell ? 'delegated' : 'education')));
    expect(body.grassroots).toEqual({ total: 2, withAdmission: grassroots.size, share: grassroots.size / 2 });
    const recognised = members.filter((m) => m.officialFrom && m.officialFrom >= from && m.officialFrom <= to).length;
    expect(body.probationOutcomes).toEqual({ recognisedOnTime: recognised, recognisedLate: 0, removed: 0 });
  });

  it('splits a year into halves on request', async () => {
    const { body } = await report(`orgId=${t.tree.committee}&from=2023-01-01&to=2023-12-31&groupBy=halfYear`).expect(
      200,
    );
    const in2023 = members.filter((m) => m.admittedOn.startsWith('2023'));
    const firstHalf = in2023.filter((m) => m.admittedOn <= '2023-06-30').length;
    expect(
      body.years.map((y: { half: number; admitted: number; target: number }) => [y.half, y.admitted, y.target]),
    ).toEqual([
      [1, firstHalf, 70],
      [2, in2023.length - firstHalf, 70],
    ]);
  });

  it('keeps each user to their own subtree', async () => {
    const officer = await t.token('dangu.congan');
    const own = await report(`from=${from}&to=${to}`, officer).expect(200);
    expect(own.body.organization.id).toBe(t.tree.delegatedGrassroots);
    expect(own.body.totals.admitted).toBe(members.filter((m) => m.cellId === t.tree.delegatedCell).length);
    await report(`orgId=${t.tree.committee}&from=${from}&to=${to}`, officer).expect(404);
    await report(`orgId=${t.tree.committee}&from=${from}&to=${to}`, await t.token('bithu.xa')).expect(404);
    const reversed = await report(`orgId=${t.tree.cell}&from=${to}&to=${from}`).expect(400);
    expect(reversed.body.details).toEqual([
      { path: 'from', message: 'Ngày bắt đầu không được sau ngày kết thúc / must not be after to' },
    ]);
  });

  it('exports the same numbers to XLSX and CSV, with Vietnamese headers and numbers as numbers', async () => {
    const query = `orgId=${t.tree.committee}&from=${from}&to=${to}`;
    const { body } = await report(query).expect(200);

    const xlsx = await report(`${query}&format=xlsx`).buffer(true).parse(binaryBody).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const years = workbook.worksheets[0];
    expect(years.name).toBe('1. So với chỉ tiêu');
    expect(years.getCell('A1').value).toMatch(/\(01\/01\/2021 – 31\/12\/2025\)$/);
    expect(workbook.worksheets.filter((sheet) => sheet.name.length > 31)).toEqual([]);
    expect(years.getRow(2).values).toEqual([undefined, 'Năm', 'Chỉ tiêu', 'Đã kết nạp', 'Tỷ lệ so với chỉ tiêu (%)']);
    body.years.forEach(
      (row: { year: number; target: number | null; admitted: number; percentOfTarget: number | null }, i: number) => {
        const cells = years.getRow(3 + i);
        expect(cells.getCell(1).value).toBe(row.year);
        expect(cells.getCell(2).value).toBe(row.target);
        expect(cells.getCell(3).value).toBe(row.admitted);
        expect(cells.getCell(4).value).toBe(row.percentOfTarget);
      },
    );
    expect(years.getColumn(4).numFmt).toBe('0.0');
    const gender = workbook.worksheets.find((sheet) => sheet.name.includes('Giới tính'))!;
    const female = body.byGender.find((s: { key: string }) => s.key === 'female');
    const femaleRow = gender.getRows(3, gender.rowCount - 2)!.find((row) => row.getCell(1).value === 'Nữ')!;
    expect(femaleRow.getCell(2).value).toBe(female.count);

    const csv = await report(`${query}&format=csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows: string[][] = parse(csv.text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
    expect(rows[1]).toEqual(['Năm', 'Chỉ tiêu', 'Đã kết nạp', 'Tỷ lệ so với chỉ tiêu (%)']);
    const row2023 = rows.find((row) => row[0] === '2023')!;
    const in2023 = body.years.find((y: { year: number }) => y.year === 2023);
    expect(row2023).toEqual([
      '2023',
      '70',
      String(in2023.admitted),
      (Math.round(in2023.percentOfTarget * 10) / 10).toFixed(1).replace('.', ','),
    ]);
  });

  it('closes a class, records each certificate on its dossier, and reports what happened per dossier', async () => {
    const fresh = await t
      .http()
      .post('/api/dossiers')
      .set('Authorization', `Bearer ${tokens.cell}`)
      .send({
        cellId: t.tree.cell,
        occurredOn: addDays(today, -40),
        candidate: {
          fullName: 'Học viên Mới',
          nationalId: nextNationalId(),
          dateOfBirth: '2001-04-04',
          gender: 'female',
          ethnicity: 'Kinh',
          religion: 'Không',
          educationLevel: 'college',
          generalEducation: 'upperSecondary',
          occupation: 'worker',
          youthUnionMember: true,
        },
      })
      .expect(201);
    const official = await t
      .http()
      .get('/api/dossiers?state=officialMember&limit=1')
      .set('Authorization', `Bearer ${specialist}`);
    const created = await t
      .http()
      .post('/api/classes')
      .set('Authorization', `Bearer ${specialist}`)
      .send({
        kind: 'awareness',
        name: 'Lớp nhận thức khóa 3',
        organizerOrgId: t.tree.committee,
        startsOn: addDays(today, -20),
        endsOn: addDays(today, -10),
        issuer: 'Trung tâm Chính trị',
      })
      .expect(201);
    for (const dossierId of [fresh.body.id, official.body.items[0].id])
      await t
        .http()
        .post(`/api/classes/${created.body.id}/participants`)
        .set('Authorization', `Bearer ${specialist}`)
        .send({ dossierId })
        .expect(200);

    const closed = await t
      .http()
      .post(`/api/classes/${created.body.id}/close`)
      .set('Authorization', `Bearer ${specialist}`)
      .send({ closedOn: addDays(today, -10), certificatePrefix: 'NT-K3' })
      .expect(200);
    expect(closed.body.results).toEqual([
      expect.objectContaining({ dossierId: fresh.body.id, certificateNo: 'NT-K3-001', status: 'recorded', version: 2 }),
      expect.objectContaining({
        dossierId: official.body.items[0].id,
        status: 'refused',
        code: 'EVENT_NOT_ALLOWED',
        httpStatus: 409,
      }),
    ]);
    const after = await t.http().get(`/api/dossiers/${fresh.body.id}`).set('Authorization', `Bearer ${specialist}`);
    expect(after.body.state.assembly.certificate).toBe('recorded');
    await t
      .http()
      .post(`/api/classes/${created.body.id}/close`)
      .set('Authorization', `Bearer ${specialist}`)
      .send({ closedOn: today, certificatePrefix: 'X' })
      .expect(409);

    const year = Number(addDays(today, -10).slice(0, 4));
    const { body } = await report(`orgId=${t.tree.committee}&from=${year}-01-01&to=${today}`).expect(200);
    expect(body.classes).toEqual([
      { kind: 'awareness', label: 'Lớp bồi dưỡng nhận thức về Đảng', year, classes: 1, participants: 2 },
    ]);
  });

  it('shows inspection teams the steps done late and overdue now, with the dossiers behind each number', async () => {
    const calendar = new WorkingDayCalendar();
    const overdue = await driveTo(t, tokens, 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 40), 'Quá Hạn');
    const late = await driveTo(t, tokens, 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 45), 'Làm Muộn');
    await t
      .http()
      .post(`/api/dossiers/${late.id}/events`)
      .set('Authorization', `Bearer ${specialist}`)
      .send({ type: 'RECORD_CEREMONY_CONSENT', occurredOn: addDays(today, -2) })
      .expect(200);
    await t
      .http()
      .post(`/api/dossiers/${late.id}/events`)
      .set('Authorization', `Bearer ${tokens.cell}`)
      .send({ type: 'HOLD_CEREMONY', occurredOn: today, helperName: 'Hoàng Văn Minh' })
      .expect(200);

    const { body } = await t
      .http()
      .get(`/api/reports/compliance?orgId=${t.tree.committee}&from=${addDays(today, -30)}&to=${today}`)
      .set('Authorization', `Bearer ${await t.token('admin')}`)
      .expect(200);
    const row = (id: string) => body.organizations.find((org: { id: string }) => org.id === id);
    for (const id of [t.tree.cell, t.tree.grassroots, t.tree.committee]) {
      expect(
        row(id).overdueNow.items.map((i: { dossierId: string; kind: string }) => [i.dossierId, i.kind]),
      ).toContainEqual([overdue.id, 'ceremony']);
      expect(
        row(id).completedLate.items.map((i: { dossierId: string; kind: string }) => [i.dossierId, i.kind]),
      ).toEqual([[late.id, 'ceremony']]);
    }
    // The other cell has no ceremony behind, only imported members whose recognition is overdue.
    const other = row(t.tree.otherCell);
    expect(other.completedLate.count).toBe(0);
    const recognitionOverdue = members.filter(
      (m) =>
        m.cellId === t.tree.otherCell &&
        !m.officialFrom &&
        calendar.addWorkingDays(addMonths(m.admittedOn, 12), 30) < today,
    ).length;
    expect(other.overdueNow.items.map((i: { kind: string }) => i.kind)).toEqual(
      expect.arrayContaining(Array(other.overdueNow.count).fill('recognitionReview')),
    );
    expect(other.overdueNow.count).toBe(recognitionOverdue);

    const csv = await t
      .http()
      .get(`/api/reports/compliance?orgId=${t.tree.committee}&from=${addDays(today, -30)}&to=${today}&format=csv`)
      .set('Authorization', `Bearer ${specialist}`)
      .expect(200);
    const rows: string[][] = parse(csv.text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
    expect(rows.find((r) => r[0] === 'Chi bộ Văn phòng Sở')!.slice(2)).toEqual([
      String(row(t.tree.cell).completedLate.count),
      String(row(t.tree.cell).overdueNow.count),
    ]);
  });
});

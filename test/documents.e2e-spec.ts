import { openClass } from './support/class-helpers';
import { addDays } from '@workflows/common/local-date';
import { admissionPath, type PathStep } from '@apps/api/seed/admission-path';
import {
  advance,
  bearer,
  createDossier,
  expectStatus,
  START,
  stepsBefore,
  type Tokens,
} from './support/dossier-helpers';
import { pathActors } from './support/path-driver';
import { textOf } from './support/docx-text';
import { startTestApp, type TestApp } from './support/test-app';
import { binaryBody } from './support/waiting';

describe('official documents of the procedure, filled from the dossier', () => {
  let t: TestApp;
  let tokens: Tokens;
  let official: string;
  let foreigner: string;

  const download = (token: string, path: string) =>
    t.http().get(path).set('Authorization', bearer(token)).buffer(true).parse(binaryBody);
  const documentText = async (code: string, id = official) =>
    textOf(expectStatus(await download(tokens.cell, `/api/dossiers/${id}/documents/${encodeURIComponent(code)}`), 200));

  beforeAll(async () => {
    t = await startTestApp('documents');
    tokens = await pathActors(t);
    await t.createUser('ngoai', ['specialist'], t.tree.otherCommittee);
    foreigner = await t.token('ngoai');
    const created = await createDossier(t, tokens.cell);
    await advance(t, tokens, created.id, admissionPath(START));
    official = created.id;
  });
  afterAll(() => t.close());

  it('lists the documents the recorded steps allow, each with the event it records', async () => {
    const response = await t
      .http()
      .get(`/api/dossiers/${official}/documents`)
      .set('Authorization', bearer(tokens.cell));
    expect(expectStatus(response, 200).body).toEqual([
      { code: '6-KNĐ', title: 'Nghị quyết đề nghị kết nạp đảng viên của chi bộ', event: 'RECORD_CELL_VOTE' },
      {
        code: '8-KNĐ',
        title: 'Nghị quyết đề nghị kết nạp đảng viên của đảng ủy cơ sở',
        event: 'RECORD_GRASSROOTS_VOTE',
      },
      { code: '9-KNĐ', title: 'Quyết định kết nạp đảng viên', event: 'ISSUE_DECISION' },
      {
        code: '13-KNĐ',
        title: 'Nghị quyết đề nghị công nhận đảng viên chính thức của chi bộ',
        event: 'RECORD_RECOGNITION_CELL_VOTE',
      },
      {
        code: '15-KNĐ',
        title: 'Nghị quyết đề nghị công nhận đảng viên chính thức của đảng ủy cơ sở',
        event: 'RECORD_RECOGNITION_GRASSROOTS_VOTE',
      },
      { code: '16-KNĐ', title: 'Quyết định công nhận đảng viên chính thức', event: 'ISSUE_RECOGNITION' },
    ]);
  });

  it('fills the cell resolution (6-KNĐ): header, number, date in words, votes and percentages, signatory', async () => {
    const text = await documentText('6-KNĐ');
    for (const expected of [
      'ĐẢNG BỘ SỞ GIÁO DỤC',
      'CHI BỘ VĂN PHÒNG SỞ',
      'Số 05-NQ/CB',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Bắc Kạn, ngày 02 tháng 8 năm 2024',
      'NGHỊ QUYẾT\nđề nghị kết nạp đảng viên',
      'Ngày 02 tháng 8 năm 2024, Chi bộ Văn phòng Sở đã họp để xét, đề nghị kết nạp quần chúng Nguyễn Thị Hoa (sinh ngày 12 tháng 3 năm 1998)',
      'Tổng số đảng viên chính thức của Chi bộ: 11 đồng chí; có mặt: 11 đồng chí; vắng mặt: 0 đồng chí.',
      'giấy giới thiệu của đảng viên chính thức (đồng chí Hoàng Văn Minh)',
      'Nghị quyết số 12-NQ/ĐTN giới thiệu đoàn viên ưu tú vào Đảng',
      'tán thành việc kết nạp quần chúng Nguyễn Thị Hoa vào Đảng là 8 đồng chí, đạt 72,73%',
      'không tán thành 3 đồng chí, chiếm 27,27%',
      'Chi bộ Văn phòng Sở đề nghị Đảng ủy Sở Giáo dục xem xét',
      'Nơi nhận:\n- Đảng ủy Sở Giáo dục,\n- Lưu Chi bộ.\nT/M CHI BỘ\nBÍ THƯ',
    ])
      expect(text).toContain(expected);
  });

  it('fills the grassroots resolution (8-KNĐ) from the committee vote and the cell resolution it answers', async () => {
    const text = await documentText('8-KNĐ');
    for (const expected of [
      'ĐẢNG BỘ THÀNH PHỐ BẮC KẠN\nĐẢNG ỦY SỞ GIÁO DỤC',
      'Số -NQ/ĐU',
      'Bắc Kạn, ngày 12 tháng 8 năm 2024',
      'Căn cứ Nghị quyết số 05-NQ/CB ngày 02 tháng 8 năm 2024 của Chi bộ Văn phòng Sở đề nghị kết nạp đảng viên;',
      'Tổng số cấp ủy viên của Đảng ủy Sở Giáo dục: 9 đồng chí',
      'là 7 đồng chí, đạt 77,78%',
      'không tán thành 2 đồng chí, chiếm 22,22%',
      'đã thẩm tra, kết luận ngày 03 tháng 7 năm 2024: đủ tiêu chuẩn chính trị',
      'Đảng ủy Sở Giáo dục đề nghị Ban Thường vụ Thành ủy Bắc Kạn xem xét, quyết định kết nạp quần chúng Nguyễn Thị Hoa',
      'T/M ĐẢNG ỦY\nBÍ THƯ',
    ])
      expect(text).toContain(expected);
  });

  it('fills the admission decision (9-KNĐ) with its number, the candidate and the probation', async () => {
    const text = await documentText('9-KNĐ');
    for (const expected of [
      'THÀNH ỦY BẮC KẠN\n*\nSố 123-QĐ/TU',
      'Bắc Kạn, ngày 27 tháng 8 năm 2024',
      'QUYẾT ĐỊNH\nkết nạp đảng viên',
      'Xét đề nghị của Đảng ủy Sở Giáo dục (nghị quyết ngày 12 tháng 8 năm 2024)',
      'BAN THƯỜNG VỤ THÀNH ỦY BẮC KẠN QUYẾT ĐỊNH',
      'Điều 1. Kết nạp quần chúng Nguyễn Thị Hoa, sinh ngày 12 tháng 3 năm 1998, dân tộc Tày, vào Đảng Cộng sản Việt Nam.',
      'Điều 2. Thời gian dự bị của đồng chí Nguyễn Thị Hoa là 12 tháng',
      'Điều 3. Đảng ủy Sở Giáo dục, Chi bộ Văn phòng Sở và đồng chí Nguyễn Thị Hoa thi hành Quyết định này.',
      'T/M BAN THƯỜNG VỤ\nBÍ THƯ',
    ])
      expect(text).toContain(expected);
  });

  it('fills the recognition resolutions (13-KNĐ, 15-KNĐ) and the recognition decision (16-KNĐ)', async () => {
    const cell = await documentText('13-KNĐ');
    for (const expected of [
      'Bắc Kạn, ngày 21 tháng 9 năm 2025',
      'đề nghị công nhận đảng viên chính thức',
      'đảng viên dự bị Nguyễn Thị Hoa, được kết nạp vào Đảng ngày 11 tháng 9 năm 2024, trở thành đảng viên chính thức.',
      'ý kiến nhận xét của đảng viên được phân công giúp đỡ (đồng chí Hoàng Văn Minh)',
      'là 10 đồng chí, đạt 90,91%',
      'không tán thành 1 đồng chí, chiếm 9,09%',
    ])
      expect(cell).toContain(expected);
    const grassroots = await documentText('15-KNĐ');
    for (const expected of ['Bắc Kạn, ngày 26 tháng 9 năm 2025', 'là 8 đồng chí, đạt 88,89%', 'chiếm 11,11%'])
      expect(grassroots).toContain(expected);
    const decision = await documentText('16-KNĐ');
    for (const expected of [
      'Số 456-QĐ/TU',
      'Bắc Kạn, ngày 06 tháng 10 năm 2025',
      'QUYẾT ĐỊNH\ncông nhận đảng viên chính thức',
      'Điều 1. Công nhận đồng chí Nguyễn Thị Hoa, sinh ngày 12 tháng 3 năm 1998, được kết nạp vào Đảng ngày 11 tháng 9 năm 2024, là đảng viên chính thức kể từ ngày 11 tháng 9 năm 2025.',
    ])
      expect(decision).toContain(expected);
  });

  it('names the file in Vietnamese with an ASCII fallback, and takes the ASCII code too', async () => {
    const response = expectStatus(await download(tokens.specialist, `/api/dossiers/${official}/documents/9-KND`), 200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="9-KND_Quyet_dinh_ket_nap_dang_vien_-_Nguyen_Thi_Hoa.docx"; ` +
        `filename*=UTF-8''9-KN%C4%90%20Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20k%E1%BA%BFt%20n%E1%BA%A1p%20%C4%91%E1%BA%A3ng%20vi%C3%AAn%20-%20Nguy%E1%BB%85n%20Th%E1%BB%8B%20Hoa.docx`,
    );
    expect(await textOf(response)).toContain('Số 123-QĐ/TU');
  });

  it('answers 409 DOCUMENT_NOT_AVAILABLE before the step is recorded, 404 out of scope or for an unknown form', async () => {
    const pending = await createDossier(t, tokens.cell);
    await advance(t, tokens, pending.id, stepsBefore('RECORD_CELL_VOTE'));
    const listed = await t
      .http()
      .get(`/api/dossiers/${pending.id}/documents`)
      .set('Authorization', bearer(tokens.cell));
    expect(expectStatus(listed, 200).body).toEqual([]);
    const early = await t
      .http()
      .get(`/api/dossiers/${pending.id}/documents/${encodeURIComponent('6-KNĐ')}`)
      .set('Authorization', bearer(tokens.cell));
    expect(expectStatus(early, 409).body).toMatchObject({ code: 'DOCUMENT_NOT_AVAILABLE' });
    expect(early.body.message).toContain('chưa đủ điều kiện');

    for (const path of [`/api/dossiers/${official}/documents`, `/api/dossiers/${official}/documents/9-KND`]) {
      const outside = await t.http().get(path).set('Authorization', bearer(foreigner));
      expect(expectStatus(outside, 404).body.code).toBe('NOT_FOUND');
    }
    const unknown = await t
      .http()
      .get(`/api/dossiers/${official}/documents/99-KND`)
      .set('Authorization', bearer(tokens.cell));
    expect(expectStatus(unknown, 404).body.code).toBe('NOT_FOUND');
  });

  describe('certificates of a training class', () => {
    let classId: string;
    let participantDossier: string;

    beforeAll(async () => {
      participantDossier = (await createDossier(t, tokens.cell, { occurredOn: '2024-05-02' })).id;
      classId = await openClass(t, tokens.specialist, 'Lớp nhận thức về Đảng khóa 2', t.tree.committee, [
        { dossierId: participantDossier },
        { fullName: 'Trần Văn Đức' },
      ]);
    });

    it('answers 409 while the class is open, then one certificate per participant once closed', async () => {
      const open = await t
        .http()
        .get(`/api/classes/${classId}/certificates`)
        .set('Authorization', bearer(tokens.specialist));
      expect(expectStatus(open, 409).body.code).toBe('DOCUMENT_NOT_AVAILABLE');
      expectStatus(
        await t
          .http()
          .post(`/api/classes/${classId}/close`)
          .set('Authorization', bearer(tokens.specialist))
          .send({ closedOn: '2024-05-10', certificatePrefix: 'NT-K2' }),
        200,
      );
      const response = expectStatus(await download(tokens.specialist, `/api/classes/${classId}/certificates`), 200);
      expect(response.headers['content-disposition']).toContain(
        "filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn",
      );
      const text = await textOf(response);
      expect(text.match(/GIẤY CHỨNG NHẬN/g)).toHaveLength(2);
      for (const expected of [
        'THÀNH ỦY BẮC KẠN\nTRUNG TÂM CHÍNH TRỊ THÀNH PHỐ',
        'Bắc Kạn, ngày 10 tháng 5 năm 2024',
        'Học lớp bồi dưỡng nhận thức về Đảng',
        'Họ và tên: Nguyễn Thị Hoa\nSinh ngày: 12 tháng 3 năm 1998\nĐơn vị: Chi bộ Văn phòng Sở',
        'Họ và tên: Trần Văn Đức',
        'từ ngày 06 tháng 5 năm 2024 đến ngày 10 tháng 5 năm 2024',
        'Số: NT-K2-001',
        'Số: NT-K2-002',
        'GIÁM ĐỐC',
      ])
        expect(text).toContain(expected);
    });

    it('gives a cell only its own participants, and nothing to a caller outside', async () => {
      const cell = await textOf(expectStatus(await download(tokens.cell, `/api/classes/${classId}/certificates`), 200));
      expect(cell.match(/GIẤY CHỨNG NHẬN/g)).toHaveLength(1);
      expect(cell).toContain('Nguyễn Thị Hoa');
      expect(cell).not.toContain('Trần Văn Đức');
      const outside = await t
        .http()
        .get(`/api/classes/${classId}/certificates`)
        .set('Authorization', bearer(foreigner));
      expect(expectStatus(outside, 404).body.code).toBe('NOT_FOUND');
    });
  });

  describe('the path through a section, under delegation, and to removal', () => {
    const step = (actor: PathStep['actor'], type: string, occurredOn: string, payload = {}): PathStep => ({
      actor,
      state: '',
      event: { type, occurredOn, ...payload },
    });
    /** The standard path recorded by the specialist, whose scope holds every cell of the committee. */
    const bySpecialist = (steps: PathStep[]) =>
      steps.map((s) => (s.actor === 'cell' || s.actor === 'grassroots' ? { ...s, actor: 'specialist' as const } : s));
    const dateOf = (steps: PathStep[], type: string) => steps.find((s) => s.event.type === type)!.event.occurredOn;

    it('adds the section appraisals (7-KNĐ, 14-KNĐ) for a cell under a section, cited by the grassroots resolution', async () => {
      const path = admissionPath(START);
      const steps = bySpecialist(
        path.flatMap((s) =>
          s.event.type === 'RECORD_CELL_VOTE'
            ? [s, step('grassroots', 'RECORD_SECTION_APPRAISAL', addDays(s.event.occurredOn, 5))]
            : s.event.type === 'RECORD_RECOGNITION_CELL_VOTE'
              ? [s, step('grassroots', 'RECORD_SECTION_APPRAISAL', addDays(s.event.occurredOn, 2))]
              : [s],
        ),
      );
      const dossier = await createDossier(t, tokens.specialist, { cellId: t.tree.sectionCell });
      await advance(t, tokens, dossier.id, steps);
      const listed = await t
        .http()
        .get(`/api/dossiers/${dossier.id}/documents`)
        .set('Authorization', bearer(tokens.specialist));
      expect(expectStatus(listed, 200).body.map((d: { code: string }) => d.code)).toEqual([
        '6-KNĐ',
        '7-KNĐ',
        '8-KNĐ',
        '9-KNĐ',
        '13-KNĐ',
        '14-KNĐ',
        '15-KNĐ',
        '16-KNĐ',
      ]);
      const read = async (code: string) =>
        textOf(expectStatus(await download(tokens.specialist, `/api/dossiers/${dossier.id}/documents/${code}`), 200));
      const appraisal = await read('7-KND');
      for (const expected of [
        'ĐẢNG BỘ SỞ GIÁO DỤC\nĐẢNG ỦY BỘ PHẬN TRƯỜNG THPT',
        'Số -BC/ĐU',
        'Bắc Kạn, ngày 07 tháng 8 năm 2024',
        'BÁO CÁO\nthẩm định nghị quyết đề nghị kết nạp đảng viên của chi bộ',
        'Nghị quyết số 05-NQ/CB ngày 02 tháng 8 năm 2024 của Chi bộ Tổ Toán đề nghị kết nạp quần chúng Nguyễn Thị Hoa vào Đảng',
        'T/M ĐẢNG ỦY BỘ PHẬN\nBÍ THƯ',
      ])
        expect(appraisal).toContain(expected);
      expect(await read('8-KND')).toContain(
        'và báo cáo thẩm định ngày 07 tháng 8 năm 2024 của Đảng ủy bộ phận Trường THPT;',
      );
      expect(await read('14-KND')).toContain(`thẩm định nghị quyết đề nghị công nhận đảng viên chính thức của chi bộ`);
      expect(await read('6-KND')).toContain('CHI BỘ TỔ TOÁN');
    });

    it('has the grassroots committee decide under delegation: 9-KNĐ and 16-KNĐ signed by the Đảng ủy', async () => {
      const path = admissionPath(START).filter(
        (s) => !['APPROVE_DECISION', 'ISSUE_DECISION', 'ISSUE_RECOGNITION'].includes(s.event.type),
      );
      const steps = bySpecialist(
        path.map((s) =>
          s.event.type === 'RECORD_GRASSROOTS_VOTE'
            ? { ...s, event: { ...s.event, decisionNo: '15-QĐ/ĐU' } }
            : s.event.type === 'RECORD_RECOGNITION_GRASSROOTS_VOTE'
              ? { ...s, event: { ...s.event, decisionNo: '41-QĐ/ĐU' } }
              : s,
        ),
      );
      const dossier = await createDossier(t, tokens.specialist, { cellId: t.tree.delegatedCell });
      const final = await advance(t, tokens, dossier.id, steps);
      expect(final.state).toBe('officialMember');
      const listed = await t
        .http()
        .get(`/api/dossiers/${dossier.id}/documents`)
        .set('Authorization', bearer(tokens.specialist));
      expect(expectStatus(listed, 200).body).toContainEqual({
        code: '9-KNĐ',
        title: 'Quyết định kết nạp đảng viên',
        event: 'RECORD_GRASSROOTS_VOTE',
      });
      const read = async (code: string) =>
        textOf(expectStatus(await download(tokens.specialist, `/api/dossiers/${dossier.id}/documents/${code}`), 200));
      const decision = await read('9-KND');
      for (const expected of [
        'ĐẢNG BỘ THÀNH PHỐ BẮC KẠN\nĐẢNG ỦY CÔNG AN TỈNH\n*\nSố 15-QĐ/ĐU',
        'Bắc Kạn, ngày 12 tháng 8 năm 2024',
        'ĐẢNG ỦY CÔNG AN TỈNH QUYẾT ĐỊNH',
        'Điều 3. Chi bộ Phòng Tham mưu và đồng chí Nguyễn Thị Hoa thi hành Quyết định này.',
        'T/M ĐẢNG ỦY\nBÍ THƯ',
      ])
        expect(decision).toContain(expected);
      expect(await read('8-KND')).toContain(
        'Đảng ủy Công an tỉnh (được ủy quyền) quyết định kết nạp quần chúng Nguyễn Thị Hoa',
      );
      const recognition = await read('16-KND');
      expect(recognition).toContain('Số 41-QĐ/ĐU');
      expect(recognition).toContain('là đảng viên chính thức kể từ ngày 11 tháng 9 năm 2025.');
    });

    it('fills the removal decision and the cell resolution proposing removal', async () => {
      const path = admissionPath(START);
      const steps = path
        .filter((s) => s.event.type !== 'ISSUE_RECOGNITION')
        .map((s) =>
          s.event.type === 'RECORD_RECOGNITION_CELL_VOTE'
            ? {
                ...s,
                event: {
                  ...s.event,
                  inFavour: 9,
                  against: 2,
                  proposal: 'remove',
                  reason: 'Không đủ tư cách đảng viên',
                },
              }
            : s,
        );
      const removedOn = dateOf(path, 'ISSUE_RECOGNITION');
      const dossier = await createDossier(t, tokens.cell);
      await advance(t, tokens, dossier.id, [
        ...steps,
        step('specialist', 'ISSUE_REMOVAL', removedOn, {
          decisionNo: '457-QĐ/TU',
          reason: 'Không hoàn thành nhiệm vụ đảng viên dự bị',
        }),
      ]);
      const listed = await t
        .http()
        .get(`/api/dossiers/${dossier.id}/documents`)
        .set('Authorization', bearer(tokens.cell));
      expect(expectStatus(listed, 200).body.map((d: { code: string }) => d.code)).toEqual([
        '6-KNĐ',
        '8-KNĐ',
        '9-KNĐ',
        '13-KNĐ',
        'XOA-TEN-DU-BI',
      ]);
      const resolution = await documentText('13-KNĐ', dossier.id);
      expect(resolution).toContain('NGHỊ QUYẾT\nđề nghị xóa tên trong danh sách đảng viên dự bị');
      expect(resolution).toContain(
        'tán thành việc xóa tên đồng chí Nguyễn Thị Hoa trong danh sách đảng viên dự bị là 9 đồng chí, đạt 81,82%',
      );
      const removal = await documentText('XOA-TEN-DU-BI', dossier.id);
      for (const expected of [
        'Số 457-QĐ/TU',
        'Bắc Kạn, ngày 06 tháng 10 năm 2025',
        'QUYẾT ĐỊNH\nxóa tên trong danh sách đảng viên dự bị',
        'Điều 1. Xóa tên đồng chí Nguyễn Thị Hoa, sinh ngày 12 tháng 3 năm 1998, được kết nạp vào Đảng ngày 11 tháng 9 năm 2024, trong danh sách đảng viên dự bị của Chi bộ Văn phòng Sở. Lý do: Không hoàn thành nhiệm vụ đảng viên dự bị.',
      ])
        expect(removal).toContain(expected);
    });
  });

  it('names the organisations as they were on the date of each document', async () => {
    const admin = await t.token('admin');
    const renamed = await t
      .http()
      .patch(`/api/organizations/${t.tree.grassroots}`)
      .set('Authorization', bearer(admin))
      .send({ name: 'Đảng bộ Sở Giáo dục và Đào tạo', effectiveFrom: '2025-01-01' });
    expectStatus(renamed, 200);
    const admission = await documentText('8-KNĐ');
    expect(admission).toContain('ĐẢNG ỦY SỞ GIÁO DỤC\n');
    expect(admission).not.toContain('ĐÀO TẠO');
    const recognition = await documentText('15-KNĐ');
    expect(recognition).toContain('ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(recognition).toContain('Đảng ủy Sở Giáo dục và Đào tạo đề nghị Ban Thường vụ Thành ủy Bắc Kạn');
  });
});

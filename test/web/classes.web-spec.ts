import mammoth from 'mammoth';
import { DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import { createDossier } from '../support/dossier-helpers';
import { PASSWORD } from '../support/test-app';
import { checkPage, DESKTOP, logIn, navigate } from './support/browser';
import { downloadBy } from './support/downloads';
import { chooseOption, fillDate } from './support/forms';
import { webSuite } from './support/web-suite';

jest.setTimeout(180_000);

const candidates = { desktop: 'Hà Thị Mai', phone: 'Đặng Văn Lâm' };

webSuite(
  'Lớp bồi dưỡng: a class opened, filled, closed with certificates (web)',
  {
    app: 'web-classes',
    setup: async (t) => {
      await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
      const specialist = await t.token('chuyenvien');
      for (const fullName of Object.values(candidates))
        await createDossier(t, specialist, { candidate: { ...DEMO_CANDIDATE, fullName }, occurredOn: '2026-10-01' });
    },
  },
  (suite, { viewport }) => {
    it('the specialist opens a class, enrols a candidate found without diacritics and a guest, closes it and downloads the certificates', async () => {
      const { web } = suite;
      const { page } = web;
      const candidate = candidates[viewport.name];
      const className = `Lớp nhận thức về Đảng khóa ${viewport === DESKTOP ? 'I' : 'II'} năm 2026`;
      await logIn(page, 'chuyenvien', PASSWORD);
      await navigate(web, 'Lớp bồi dưỡng');
      await page.getByRole('heading', { level: 1, name: 'Lớp bồi dưỡng' }).waitFor();
      await page.getByRole('button', { name: 'Mở lớp mới' }).click();
      await page.getByLabel('Tên lớp').fill(className);
      await fillDate(page.getByLabel('Ngày khai giảng'), '16/11/2026');
      await fillDate(page.getByLabel('Ngày bế giảng'), '20/11/2026');
      await page.getByLabel('Cơ quan cấp giấy chứng nhận').fill('Trung tâm Chính trị thành phố Bắc Kạn');
      await checkPage(web, 'classes-new');
      await page.getByRole('button', { name: 'Mở lớp', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: className }).waitFor();

      await chooseOption(
        page.getByLabel('Hồ sơ (gõ họ tên hoặc số định danh)'),
        new RegExp(`^${candidate} — `),
        candidate
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/gi, 'd')
          .toLowerCase(),
      );
      await page.getByRole('button', { name: 'Thêm vào lớp' }).click();
      await page.getByRole('link', { name: candidate }).waitFor();
      await page.getByLabel('Người chưa có hồ sơ').check();
      await page.getByLabel('Họ và tên').fill('Lò Văn Khách');
      await page.getByRole('button', { name: 'Thêm vào lớp' }).click();
      await page.getByRole('cell', { name: 'Lò Văn Khách' }).waitFor();
      await page.getByRole('heading', { name: 'Danh sách học viên (2)' }).waitFor();
      await checkPage(web, 'classes-class');

      const prefix = viewport === DESKTOP ? 'NT-2026-A' : 'NT-2026-B';
      await page.getByLabel('Tiền tố số chứng nhận').fill(prefix);
      await page.getByRole('button', { name: 'Bế giảng và cấp chứng nhận' }).click();
      await page.getByText('Đã bế giảng, cấp 2 giấy chứng nhận').waitFor();
      await page.getByText('Đã bế giảng ngày 20/11/2026').waitFor();
      const row = page.getByRole('row', { name: new RegExp(candidate) });
      await row.getByText(`${prefix}-001`).waitFor();
      await row.getByText('Đã ghi vào hồ sơ').waitFor();
      await checkPage(web, 'classes-closed');

      const certificates = await downloadBy(page, page.getByRole('button', { name: 'Tải giấy chứng nhận' }));
      expect(certificates.name).toMatch(/\.docx$/);
      const { value } = await mammoth.extractRawText({ buffer: certificates.body });
      expect(value).toContain(candidate);
      expect(value).toContain('Lò Văn Khách');
      expect(value).toContain(`${prefix}-001`);

      await page.getByRole('link', { name: candidate }).click();
      await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}$/);
    });
  },
);

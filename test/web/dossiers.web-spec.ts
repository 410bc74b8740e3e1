import type { Page } from 'playwright-core';
import { PASSWORD } from '../support/test-app';
import { DESKTOP, horizontalOverflow, logIn, navigate, PHONE } from './support/browser';
import { chooseOption, fillDate } from './support/forms';
import { webSuite } from './support/web-suite';

jest.setTimeout(120_000);

const choose = (page: Page, label: string, option: string) =>
  chooseOption(page.getByLabel(label, { exact: true }), option);

webSuite(
  'Entering a paper dossier and finding it in the list (web)',
  {
    app: 'web-dossiers',
    setup: (t) => t.createUser('chuyenvien', ['specialist'], t.tree.committee),
    cases: [
      { viewport: DESKTOP, fullName: 'Nguyễn Văn Giấy', nationalId: '006095001234' },
      { viewport: PHONE, fullName: 'Trần Thị Điện Thoại Có Tên Rất Dài', nationalId: '006095004321' },
    ],
  },
  (suite, { fullName, nationalId }) => {
    it('creates a dossier with past dates without the optional education exception, lists it without sideways scrolling (on a phone below the search, the filters folded), and shows its documents section', async () => {
      const { web } = suite;
      const { page } = web;
      await logIn(page, 'chuyenvien', PASSWORD);
      await page.goto('/ho-so/tao-moi');
      await choose(page, 'Chi bộ', 'Chi bộ Văn phòng Sở');
      await fillDate(page.getByLabel('Ngày lập hồ sơ'), '10/11/2025');
      await page.getByLabel('Họ và tên').fill(fullName);
      await page.getByLabel('Số định danh cá nhân').fill(nationalId);
      await fillDate(page.getByLabel('Ngày sinh'), '2/9/1995');
      await choose(page, 'Giới tính', 'Nam');
      await page.getByLabel('Dân tộc').fill('Tày');
      await page.getByLabel('Tôn giáo').fill('Không');
      await choose(page, 'Trình độ chuyên môn', 'Đại học');
      await choose(page, 'Trình độ giáo dục phổ thông', 'Trung học phổ thông');
      await choose(page, 'Nghề nghiệp', 'Giáo viên');
      await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();

      await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
      await page.getByRole('heading', { name: 'Tài liệu' }).waitFor();
      await page.getByText('Chưa có tài liệu nào.').waitFor();
      // The occupation is chosen among the report's categories: stored as the category, shown by its name.
      await page.getByText('Giáo viên', { exact: true }).waitFor();
      const dossier = await suite.t
        .http()
        .get(`/api/dossiers/${new URL(page.url()).pathname.split('/').pop()}`)
        .set('Authorization', `Bearer ${await suite.t.token('chuyenvien')}`);
      expect(dossier.body.candidate.occupation).toBe('teacher');
      // The timeline names the legal text the step was judged by, not the version's code.
      await page.getByText(/ghi nhận lúc .* · theo Quy định 294-QĐ\/TW/).waitFor();

      await navigate(web, 'Hồ sơ');
      const filters = page.getByRole('button', { name: /^Bộ lọc/ });
      if (web.viewport === PHONE) {
        // The first screen shows the first dossier: the filters wait behind their button, the search stays.
        const firstRow = page.locator('.ant-table-tbody .ant-table-row').first();
        await firstRow.waitFor();
        const row = await firstRow.boundingBox();
        expect(row!.y + row!.height).toBeLessThanOrEqual(PHONE.height);
        await expect(page.evaluate<number>('window.scrollY')).resolves.toBe(0);
        await page.getByLabel('Tìm kiếm').waitFor();
        await expect(page.getByLabel('Năm lập hồ sơ').isVisible()).resolves.toBe(false);
        await expect(filters.getAttribute('aria-expanded')).resolves.toBe('false');
        await filters.click();
      } else await expect(filters.count()).resolves.toBe(0);
      // The button counts the filters in use (the address holds them: the box is ticked once it has changed).
      const overdue = page.getByLabel('Chỉ hồ sơ quá hạn');
      await overdue.click();
      await page.waitForURL((url) => url.searchParams.get('overdue') === 'true');
      if (web.viewport === PHONE) await page.getByRole('button', { name: 'Bộ lọc (1)' }).waitFor();
      await overdue.click();
      await page.waitForURL((url) => !url.searchParams.has('overdue'));
      if (web.viewport === PHONE) await page.getByRole('button', { name: 'Bộ lọc', exact: true }).waitFor();
      await page.getByLabel('Tìm kiếm').fill(fullName.split(' ').slice(0, 2).join(' '));
      await page.getByRole('link', { name: fullName }).waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
    });
  },
);

import { PASSWORD } from '../support/test-app';
import { checkPage, DESKTOP, logIn, navigate } from './support/browser';
import { chooseOption, fillDate } from './support/forms';
import { webSuite } from './support/web-suite';

jest.setTimeout(180_000);

webSuite(
  'Quản trị: the organisation tree over time and the users (web)',
  { app: 'web-admin' },
  (suite, { viewport }) => {
    /** On a desktop the sections are tabs; on a phone, a picker. */
    const openSection = async (name: string) => {
      const { page } = suite.web;
      if (viewport === DESKTOP) return page.getByRole('tab', { name }).click();
      await chooseOption(page.getByLabel('Mục quản trị'), name);
    };

    it('renames a cell from a date: the tree before that date keeps the old name, the change is listed', async () => {
      const { web } = suite;
      const { page } = web;
      const [cell, renamed, from] =
        viewport === DESKTOP
          ? ['Chi bộ Văn phòng Sở', 'Chi bộ Văn phòng Sở Giáo dục', '20/11/2026']
          : ['Chi bộ Phòng Tổ chức', 'Chi bộ Phòng Tổ chức cán bộ', '24/11/2026'];
      await logIn(page, 'admin', PASSWORD);
      await navigate(web, 'Quản trị');
      await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
      await checkPage(web, 'admin-organisations');
      await page.getByRole('button', { name: cell, exact: true }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('Chưa có thay đổi nào được ghi.').waitFor();
      await drawer.getByRole('button', { name: 'Đổi tên' }).click();
      await drawer.getByLabel('Tên mới').fill(renamed);
      await fillDate(drawer.getByLabel('Có hiệu lực từ ngày'), from);
      await checkPage(web, 'admin-organisation-rename');
      await drawer.getByRole('button', { name: 'Ghi thay đổi' }).click();
      await page.getByText(`Đã ghi: đổi tên — ${cell}`).waitFor();
      await drawer.getByText(`Từ ngày ${from}`).waitFor();
      await drawer.getByText(`Tên: ${cell} → ${renamed}`).waitFor();
      await drawer.getByText(/^admin ghi lúc \d\d\/\d\d\/\d{4} \d\d:\d\d$/).waitFor();
      await drawer
        .getByRole('button', { name: 'Close' })
        .or(drawer.getByRole('button', { name: 'Đóng' }))
        .first()
        .click();
      await page.getByRole('button', { name: renamed, exact: true }).waitFor();

      await fillDate(page.getByLabel('Cây tổ chức tại ngày'), '19/11/2026');
      await page.getByRole('button', { name: cell, exact: true }).waitFor();
      await expect(page.getByRole('button', { name: renamed, exact: true }).count()).resolves.toBe(0);
    });

    it('creates a cell secretary who can then log in', async () => {
      const { web } = suite;
      const { page } = web;
      const username = `bithu.moi.${viewport.name}`;
      const password = 'Mat-khau-moi-2026';
      await logIn(page, 'admin', PASSWORD);
      await page.goto('/quan-tri');
      await openSection('Người dùng');
      await page.getByRole('button', { name: 'Thêm người dùng' }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByLabel('Tên đăng nhập').fill(username);
      await drawer.getByLabel('Mật khẩu').fill(password);
      await chooseOption(drawer.getByLabel('Vai trò'), 'Bí thư chi bộ');
      await drawer.getByText('Thêm người dùng', { exact: true }).click();
      await chooseOption(drawer.getByLabel('Phạm vi (tổ chức)'), 'Chi bộ Tổ Toán', 'Tổ Toán');
      await checkPage(web, 'admin-user-new');
      await drawer.getByRole('button', { name: 'Tạo người dùng' }).click();
      await page.getByText('Đã tạo người dùng').waitFor();
      await page.getByRole('button', { name: username }).waitFor();
      await checkPage(web, 'admin-users');

      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await logIn(page, username, password);
      if (viewport === DESKTOP) await page.getByText('Bí thư chi bộ · Chi bộ Tổ Toán').waitFor();
      else await page.getByText(username, { exact: true }).first().waitFor();
    });
  },
);

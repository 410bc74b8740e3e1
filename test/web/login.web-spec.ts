import { PASSWORD } from '../support/test-app';
import { checkPage, horizontalOverflow, logIn, navigate, PHONE } from './support/browser';
import { webSuite } from './support/web-suite';

jest.setTimeout(120_000);

webSuite(
  'Logging in and finding one’s way (web)',
  {
    app: 'web-login',
    setup: async (t) => {
      await t.createUser('bithu', ['cellSecretary'], t.tree.cell);
      await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
      await t.createUser('uyvien.kiemtra', ['committeeMember', 'specialist', 'inspector'], t.tree.committee);
    },
  },
  (suite, { viewport }) => {
    it('refuses a wrong password in Vietnamese, logs in, names the user, role and cell, and logs out', async () => {
      const { web } = suite;
      const { page } = web;
      await page.goto('/ho-so');
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      await checkPage(web, 'login');
      await page.getByLabel('Tên đăng nhập').fill('bithu');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('alert').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor();
      web.errors.length = 0; // the browser logs the refused request (401) itself

      await logIn(page, 'bithu', PASSWORD);
      await page.getByText('bithu', { exact: true }).first().waitFor();
      await page.getByText('Bí thư chi bộ · Chi bộ Văn phòng Sở').waitFor();
      if (viewport === PHONE) {
        await page.getByRole('button', { name: 'Mở menu' }).click();
        await page.getByText('Bí thư chi bộ').waitFor();
        await page.keyboard.press('Escape');
      }
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    });

    it('shows every user their name, roles in Vietnamese and organisation, and the logout button, without sideways scrolling', async () => {
      const { web } = suite;
      const { page } = web;
      await logIn(page, 'uyvien.kiemtra', PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
      const header = page.getByRole('banner');
      await header.getByText('uyvien.kiemtra', { exact: true }).waitFor();
      const details = header.getByText(
        'Ủy viên Ban Thường vụ, Chuyên viên Ban Tổ chức, Đoàn kiểm tra · Thành ủy Bắc Kạn',
        { exact: true },
      );
      await details.waitFor();
      const logout = header.getByRole('button', { name: 'Đăng xuất' });
      for (const shown of [details, logout]) {
        const box = await shown.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
      }
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await checkPage(web, 'header');
      await logout.click();
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    });

    it('shows the navigation links each role has, and a client route survives a reload', async () => {
      const { web } = suite;
      const { page } = web;
      await logIn(page, 'chuyenvien', PASSWORD);
      if (viewport === PHONE) await page.getByRole('button', { name: 'Mở menu' }).click();
      const links = await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link').allTextContents();
      expect(links).toEqual(expect.arrayContaining(['Việc cần làm', 'Hồ sơ', 'Phê duyệt', 'Thông báo', 'Báo cáo']));
      if (viewport === PHONE) await page.keyboard.press('Escape');
      await navigate(web, 'Thông báo');
      await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/thong-bao');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    });
  },
);

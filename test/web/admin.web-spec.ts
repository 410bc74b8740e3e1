import { bearer, expectStatus } from '../support/dossier-helpers';
import { PASSWORD } from '../support/test-app';
import { checkPage, DESKTOP, logIn, navigate, PHONE } from './support/browser';
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

    it('moves a cell under another parent, merges one into another and closes one: the tree shows each from its date', async () => {
      const { web, t } = suite;
      const { page } = web;
      const device = viewport === DESKTOP ? 'máy tính' : 'điện thoại';
      const [moved, merged, into, closed] = ['Kế toán', 'Thư viện', 'Lưu trữ', 'Bảo vệ'].map(
        (name) => `Chi bộ ${name} (${device})`,
      );
      const admin = await t.token('admin');
      for (const name of [moved, merged, into, closed])
        expectStatus(
          await t
            .http()
            .post('/api/organizations')
            .set('Authorization', bearer(admin))
            .send({ name, kind: 'cell', parentId: t.tree.grassroots, openedOn: '2026-01-05' }),
          201,
        );
      await logIn(page, 'admin', PASSWORD);
      await navigate(web, 'Quản trị');
      await page.getByRole('heading', { level: 1, name: 'Quản trị' }).waitFor();
      const drawer = page.getByRole('dialog');
      const record = async (org: string, action: string, fill: () => Promise<void> = async () => undefined) => {
        await page.getByRole('button', { name: org, exact: true }).click();
        await drawer.getByRole('button', { name: action }).click();
        await fill();
        await fillDate(drawer.getByLabel('Có hiệu lực từ ngày'), '24/11/2026');
        await drawer.getByRole('button', { name: 'Ghi thay đổi' }).click();
        const recorded = page.getByText(`Đã ghi: ${action.toLowerCase()} — ${org}`);
        await recorded.waitFor();
        // The message lies over the drawer's close button on a desktop until it fades.
        await recorded.waitFor({ state: 'detached' });
      };
      // A merged or closed organisation leaves today's tree, and its drawer with it.
      const closeDrawer = async () => {
        if (await drawer.count())
          await drawer
            .getByRole('button', { name: 'Close' })
            .or(drawer.getByRole('button', { name: 'Đóng' }))
            .first()
            .click();
        await drawer.waitFor({ state: 'detached' });
      };

      // The pickers show some ten organisations at a time, siblings in no fixed order: the admin types a few words.
      await record(moved, 'Chuyển sang cấp trên khác', () =>
        chooseOption(drawer.getByLabel('Cấp trên mới'), 'Đảng ủy bộ phận Trường THPT', 'Trường THPT'),
      );
      await drawer.getByText('Cấp trên: Đảng bộ Sở Giáo dục → Đảng ủy bộ phận Trường THPT').waitFor();
      await closeDrawer();
      await record(merged, 'Hợp nhất vào tổ chức khác', () =>
        chooseOption(drawer.getByLabel('Hợp nhất vào'), into, 'Lưu trữ'),
      );
      await page.getByRole('button', { name: merged, exact: true }).waitFor({ state: 'detached' });
      await closeDrawer();
      await record(closed, 'Giải thể', async () => {
        await drawer.getByText('Chỉ giải thể được tổ chức không còn hồ sơ').waitFor();
        await checkPage(web, 'admin-organisation-close');
      });
      await page.getByRole('button', { name: closed, exact: true }).waitFor({ state: 'detached' });
      await closeDrawer();

      // Today: the moved cell sits under the section, the merged and the closed ones are gone.
      const names = await page.getByRole('table').getByRole('button').allTextContents();
      expect(names).toEqual(expect.arrayContaining([moved, into]));
      expect(names).not.toEqual(expect.arrayContaining([merged]));
      expect(names).not.toEqual(expect.arrayContaining([closed]));
      await page.getByRole('button', { name: moved, exact: true }).click();
      await drawer.getByText('Đảng ủy bộ phận Trường THPT', { exact: true }).waitFor();
      await closeDrawer();
      // The cell merged into another has left today's tree; the other's history still names it.
      await page.getByRole('button', { name: into, exact: true }).click();
      await drawer.getByText(`Nhận hợp nhất ${merged}`).waitFor();
      await closeDrawer();
      await checkPage(web, 'admin-organisations-changed');

      // The day before: all four under the grassroots committee, the merge listed on the merged cell.
      await fillDate(page.getByLabel('Cây tổ chức tại ngày'), '23/11/2026');
      for (const name of [moved, merged, into, closed]) await page.getByRole('button', { name, exact: true }).waitFor();
      await page.getByRole('button', { name: merged, exact: true }).click();
      await drawer.getByText('Từ ngày 24/11/2026').waitFor();
      await drawer.getByText(`Hợp nhất vào ${into}`).waitFor();
      await closeDrawer();
      await page.getByRole('button', { name: closed, exact: true }).click();
      await drawer.getByText('Giải thể: — → 24/11/2026').waitFor();
    });

    it('keeps an open drawer and its half-filled form when the screen turns across the phone breakpoint', async () => {
      const { web } = suite;
      const { page } = web;
      await logIn(page, 'admin', PASSWORD);
      await navigate(web, 'Quản trị');
      await page.getByRole('button', { name: 'Chi bộ Tổ Toán', exact: true }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('button', { name: 'Đổi tên' }).click();
      await drawer.getByLabel('Tên mới').fill('Chi bộ Tổ Toán – Tin');
      // A desktop window narrowed below the breakpoint, a phone turned sideways above it; then back. Each time the
      // page changes its layout (the sections' tabs or their picker) and the form stays as it was.
      const picker = page.getByLabel('Mục quản trị');
      const tabs = page.getByRole('tab', { name: 'Tổ chức' });
      const turns =
        viewport === DESKTOP
          ? [
              { width: 700, height: 900, shows: picker },
              { ...DESKTOP, shows: tabs },
            ]
          : [
              { width: 844, height: 390, shows: tabs },
              { ...PHONE, shows: picker },
            ];
      for (const { width, height, shows } of turns) {
        await page.setViewportSize({ width, height });
        await shows.waitFor();
        await expect(drawer.getByLabel('Tên mới').inputValue()).resolves.toBe('Chi bộ Tổ Toán – Tin');
      }
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

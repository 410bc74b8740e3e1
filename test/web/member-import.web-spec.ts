import { MEMBER_CSV_HEADER } from '../support/member-csv';
import { PASSWORD } from '../support/test-app';
import { checkPage, DESKTOP, logIn, navigate, openPage, type WebPage } from './support/browser';
import { webSuite } from './support/web-suite';

jest.setTimeout(240_000);

const upload = async (web: WebPage, name: string, lines: string[]) =>
  web.page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from([MEMBER_CSV_HEADER, ...lines].join('\n'), 'utf8'),
  });

/** A line of the import file: a member of the cell admitted on `admittedOn`. */
const memberLine = (cellId: string, name: string, admittedOn = '2019-05-19', dateOfBirth = '1985-04-12') =>
  `${name},${dateOfBirth},female,Tày,Không,university,upperSecondary,teacher,false,${cellId},${admittedOn},${admittedOn},`;

webSuite(
  'Nhập đảng viên cũ: a CSV file with a refused line (web)',
  { app: 'web-import', setup: (t) => t.createUser('chuyenvien', ['specialist'], t.tree.committee) },
  (suite, { viewport }) => {
    const member = (name: string, admittedOn?: string, dateOfBirth?: string) =>
      memberLine(suite.t.tree.cell, name, admittedOn, dateOfBirth);

    it('imports the valid lines and shows the refused one with its line number and reason', async () => {
      const { web } = suite;
      const { page } = web;
      const suffix = viewport === DESKTOP ? 'A' : 'B';
      await logIn(page, 'chuyenvien', PASSWORD);
      await navigate(web, 'Nhập đảng viên cũ');
      await page.getByRole('heading', { level: 1, name: 'Nhập đảng viên cũ' }).waitFor();
      await checkPage(web, 'member-import');
      await upload(web, `dang-vien-${suffix}.csv`, [
        member(`Hoàng Thị Thu ${suffix}`),
        member(`Sai Ngày Sinh ${suffix}`, '2019-05-19', '1985-02-30'),
        member(`Lục Văn Tài ${suffix}`, '2020-06-20'),
      ]);
      await page.getByText(`Đã chọn: dang-vien-${suffix}.csv`).waitFor();
      await page.getByRole('button', { name: 'Nhập', exact: true }).click();
      await page.getByText('Đã nhập 2 đảng viên, 1 dòng không nhập được').waitFor();
      const refused = page.getByRole('table').filter({ hasText: 'Các dòng không nhập được (1)' });
      const cells = await refused.getByRole('row').nth(1).getByRole('cell').allTextContents();
      expect(cells[0]).toBe('3');
      expect(cells[1]).toMatch(/dateOfBirth/);
      await checkPage(web, 'member-import-result');
    });

    it('with "none if one line is wrong", imports nothing and still names the line', async () => {
      const { web } = suite;
      const { page } = web;
      const suffix = viewport === DESKTOP ? 'C' : 'D';
      await logIn(page, 'chuyenvien', PASSWORD);
      await page.goto('/nhap-dang-vien');
      await upload(web, `tat-ca-${suffix}.csv`, [
        member(`Đinh Thị Nga ${suffix}`),
        member(`Sai Ngày Kết Nạp ${suffix}`, '2019-02-30'),
      ]);
      await page.getByLabel('Không nhập dòng nào').check();
      await page.getByRole('button', { name: 'Nhập', exact: true }).click();
      await page.getByText('Tệp có dòng không hợp lệ nên không dòng nào được nhập').waitFor();
      // The browser logs the refused request (422) itself; nothing else may have gone wrong.
      expect(web.errors).toEqual([expect.stringContaining('status of 422')]);
      web.errors.length = 0;
      const refused = page.getByRole('table').filter({ hasText: 'Các dòng không nhập được (1)' });
      expect(await refused.getByRole('row').nth(1).getByRole('cell').first().textContent()).toBe('3');
    });
  },
  (suite) => {
    it('follows a long file imported in the background to its result', async () => {
      const web = await openPage(suite.browser, suite.t.baseURL, DESKTOP);
      const { page } = web;
      await logIn(page, 'chuyenvien', PASSWORD);
      await page.goto('/nhap-dang-vien');
      const member = (name: string, dateOfBirth?: string) =>
        memberLine(suite.t.tree.cell, name, '2018-03-10', dateOfBirth);
      const lines = Array.from({ length: 1_001 }, (_, i) => member(`Đảng viên số ${i + 1}`));
      await upload(web, 'dai.csv', [...lines, member('Sai Ngày', '1985-13-01')]);
      await page.getByRole('button', { name: 'Nhập', exact: true }).click();
      await page.getByText('Đã nhập 1.001 đảng viên, 1 dòng không nhập được').waitFor({ timeout: 180_000 });
      const refused = page.getByRole('table').filter({ hasText: 'Các dòng không nhập được (1)' });
      expect(await refused.getByRole('row').nth(1).getByRole('cell').first().textContent()).toBe('1003');
      await web.close();
      expect(web.errors).toEqual([]);
    });
  },
);

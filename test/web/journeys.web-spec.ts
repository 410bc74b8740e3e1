import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { createWorker } from '@apps/worker/worker.factory';
import { bearer, expectStatus } from '../support/dossier-helpers';
import { nextNationalId } from '../support/national-ids';
import { driveTo, pathActors, type ActorTokens } from '../support/path-driver';
import { PASSWORD } from '../support/test-app';
import { checkPage, DESKTOP, logIn, navigate, type WebPage } from './support/browser';
import { chooseOption, fillDate } from './support/forms';
import { webSuite } from './support/web-suite';

jest.setTimeout(240_000);

/** The drawer (or full-screen sheet) of the step being recorded. */
const stepForm = (page: Page) => page.getByRole('dialog');

async function openDossierBySearch(web: WebPage, typed: string, fullName: string) {
  await navigate(web, 'Hồ sơ');
  await web.page.getByLabel('Tìm kiếm').fill(typed);
  // The server's answer to the search replaces the first page: wait for it before choosing a row.
  await web.page.getByText('1 hồ sơ', { exact: true }).waitFor();
  await web.page.getByRole('link', { name: fullName }).click();
  await web.page.getByRole('heading', { level: 1, name: fullName }).waitFor();
}

let tokens: ActorTokens;
let worker: INestApplicationContext | undefined;

webSuite(
  'Each person’s journey in the browser',
  {
    app: 'web-journeys',
    appPerViewport: true,
    setup: async (t) => {
      tokens = await pathActors(t);
      // The worker sends the reminders the API schedules, as in production.
      worker = await createWorker(t.config);
    },
    teardown: async () => worker?.close(),
  },
  (suite, { viewport }) => {
    it('the cell secretary creates a dossier, records a step with a typed date, and a future date is refused before sending', async () => {
      const { web } = suite;
      const { page } = web;
      const fullName = viewport === DESKTOP ? 'Hứa Thị Mai' : 'Nông Văn Bình';
      await logIn(page, 'bithu', PASSWORD);
      await navigate(web, 'Hồ sơ');
      await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tạo hồ sơ' }).waitFor();
      await fillDate(page.getByLabel('Ngày lập hồ sơ'), '3/6/2024');
      await page.getByLabel('Họ và tên').fill(fullName);
      await page.getByLabel('Số định danh cá nhân').fill(nextNationalId());
      await fillDate(page.getByLabel('Ngày sinh'), '12/3/1998');
      await chooseOption(page.getByLabel('Giới tính'), 'Nữ');
      await page.getByLabel('Dân tộc').fill('Tày');
      await page.getByLabel('Tôn giáo').fill('Không');
      await chooseOption(page.getByLabel('Trình độ chuyên môn'), 'Đại học');
      await chooseOption(page.getByLabel('Trình độ giáo dục phổ thông'), 'Trung học phổ thông');
      await chooseOption(page.getByLabel('Nghề nghiệp'), 'Giáo viên');
      await checkPage(web, 'create-dossier');
      await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
      // A refusal would show in an alert or beside a field: say which, rather than time out.
      const refused = page.locator('.ant-alert-error, .ant-alert-warning, .ant-form-item-explain-error').first();
      await Promise.race([
        page.getByRole('heading', { level: 1, name: fullName }).waitFor(),
        refused.waitFor().then(async () => {
          throw new Error(`Tạo hồ sơ refused: ${await refused.textContent()}`);
        }),
      ]);
      await page.getByText('Quần chúng ưu tú').first().waitFor();
      await checkPage(web, 'dossier');

      const step = 'Ghi nhận giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng';
      await page.getByRole('button', { name: step }).click();
      const form = stepForm(page);
      await fillDate(form.getByLabel('Ngày', { exact: true }), '1/1/2027');
      await form.getByRole('button', { name: 'Ghi nhận' }).click();
      // A typed date after today stays in the field and is refused by name, not emptied.
      await form.getByText('Ngày không được sau hôm nay').waitFor();
      expect(await form.getByLabel('Ngày', { exact: true }).inputValue()).toBe('01/01/2027');

      await fillDate(form.getByLabel('Ngày', { exact: true }), '8/6/2024');
      await form.getByLabel('Số giấy chứng nhận').fill('NT-2024-15');
      await fillDate(form.getByLabel('Ngày cấp giấy chứng nhận'), '05/06/2024');
      await form.getByLabel('Nơi cấp').fill('Trung tâm Chính trị thành phố');
      await checkPage(web, 'step-form');
      await form.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.getByText(`08/06/2024 ${step}`).waitFor();
      await page.getByText('Số giấy chứng nhận: NT-2024-15').waitFor();
    });

    it('a refused step shows the rule’s message and citation, and nothing is recorded; the vote form shows its threshold', async () => {
      const { web, t } = suite;
      const { page } = web;
      const fullName = viewport === DESKTOP ? 'Lục Thị Ngân' : 'Đinh Văn Đức';
      const dossier = await driveTo(t, tokens, 'RECORD_COMMENTS', '2026-11-02', fullName);
      await logIn(page, 'bithu', PASSWORD);
      // The search ignores diacritics: "luc thi ngan" finds Lục Thị Ngân.
      await openDossierBySearch(web, fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/[Đđ]/g, 'd'), fullName);

      await page.getByRole('button', { name: 'Ghi nhận biểu quyết của chi bộ đề nghị kết nạp (6-KNĐ)' }).click();
      const form = stepForm(page);
      await fillDate(form.getByLabel('Ngày', { exact: true }), '20/11/2026');
      await form.getByLabel('Số đảng viên chính thức của chi bộ').fill('11');
      await form.getByText('cần ít nhất 8/11 phiếu tán thành').waitFor();
      await form.getByLabel('Số phiếu tán thành', { exact: true }).fill('9');
      await form.getByLabel('Số phiếu không tán thành').fill('5');
      await form.getByText('Tổng số phiếu (14) nhiều hơn số người có quyền biểu quyết (11).').waitFor();
      await form.getByRole('button', { name: 'Ghi nhận' }).click();
      const alert = form.getByRole('alert').filter({ hasText: 'vượt quá số thành viên' });
      await alert.getByText('Căn cứ: Quy định thi hành Điều lệ Đảng §9.3').waitFor();
      web.errors.length = 0; // the browser logs the refused request (422) itself
      await checkPage(web, 'refusal');

      const after = await t
        .http()
        .get(`/api/dossiers/${dossier.id}`)
        .set('Authorization', bearer(tokens.cell))
        .expect(200);
      expect(after.body.version).toBe(dossier.version);
      expect(after.body.votes).toEqual([]);
    });

    it('a committee member approves in Phê duyệt, the specialist issues the decision, and its form can be downloaded', async () => {
      const { web, t } = suite;
      const fullName = viewport === DESKTOP ? 'Triệu Văn Hùng' : 'Bế Thị Lan';
      const dossier = await driveTo(t, tokens, 'RECORD_GRASSROOTS_VOTE', '2026-11-16', fullName);
      const { page } = web;
      await logIn(page, 'uyvien1', PASSWORD);
      await navigate(web, 'Phê duyệt');
      const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: fullName }) });
      await card.getByText('8/11 tán thành').waitFor();
      await card.getByText('Hoàng Văn Minh').waitFor();
      await card.getByText('0 tán thành, 0 không tán thành / 5 ủy viên (cần 3 tán thành)').waitFor();
      await checkPage(web, 'approvals');
      // The opinion was given on paper the day before: dated so, never after today.
      const dated = card.getByLabel('Ngày cho ý kiến');
      expect(await dated.inputValue()).toBe('25/11/2026');
      await fillDate(dated, '26/11/2026');
      await card.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await card.getByText('Ngày không được sau hôm nay').waitFor();
      await fillDate(dated, '24/11/2026');
      await card.getByRole('button', { name: 'Tán thành', exact: true }).click();
      await page.getByText('Đã ghi nhận: tán thành').waitFor();
      await card.waitFor({ state: 'detached' });
      const history = await t
        .http()
        .get(`/api/dossiers/${dossier.id}/history`)
        .set('Authorization', bearer(tokens.specialist))
        .expect(200);
      expect(
        history.body
          .filter((entry: { type: string }) => entry.type === 'APPROVE_DECISION')
          .map((entry: { occurredOn: string }) => entry.occurredOn),
      ).toEqual(['2026-11-24']);
      for (const member of [tokens.member2, tokens.member3])
        expectStatus(
          await t
            .http()
            .post(`/api/dossiers/${dossier.id}/events`)
            .set('Authorization', bearer(member))
            .send({ type: 'APPROVE_DECISION', occurredOn: '2026-11-25' }),
          200,
        );

      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await logIn(page, 'chuyenvien', PASSWORD);
      await openDossierBySearch(web, fullName, fullName);
      await page.getByRole('button', { name: 'Ban hành quyết định kết nạp (9-KNĐ)' }).click();
      const form = stepForm(page);
      await fillDate(form.getByLabel('Ngày', { exact: true }), '25/11/2026');
      await form.getByLabel('Số quyết định').fill('15-QĐ/TU');
      await form.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.getByText('Chờ tổ chức lễ kết nạp').first().waitFor();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /^Tải 9-KNĐ/ }).click();
      expect((await download).suggestedFilename()).toBe(`9-KNĐ ${fullName}.docx`);
    });

    it('the reminder of an overdue ceremony appears on the cell secretary’s home page, with the deadline in working days', async () => {
      const { web, t } = suite;
      const fullName = viewport === DESKTOP ? 'Ma Văn Cường' : 'Hoàng Thị Thu';
      await driveTo(t, tokens, 'ISSUE_DECISION', '2026-09-01', fullName);
      const { page } = web;
      await logIn(page, 'bithu', PASSWORD);
      const reminder = page.getByRole('link', { name: new RegExp(`^Quá hạn: Tổ chức lễ kết nạp.*${fullName}`) });
      for (let attempt = 0; attempt < 30 && !(await reminder.count()); attempt++) {
        await page.waitForTimeout(500);
        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
      }
      await reminder.first().waitFor();
      await page
        .getByText(/quá hạn \d+ ngày làm việc/)
        .first()
        .waitFor();
      await checkPage(web, 'home');

      await navigate(web, 'Thông báo');
      await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
      await checkPage(web, 'notifications');
      await page.getByRole('button', { name: 'Đánh dấu đã đọc' }).first().click();
      await page.getByRole('button', { name: 'Đánh dấu đã đọc' }).waitFor({ state: 'detached' });
      await navigate(web, 'Hồ sơ');
      await page.getByText(/\d+ hồ sơ/).waitFor();
      await checkPage(web, 'dossier-list');
    });
  },
);

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 抽调与传帮带 in the browser (issue 15): the 干部监督室 opens the batch ledger, opens the demo 巡察 batch, seconds a
 * county cadre from the pool with a mentor (picked), records an evaluation, and the pool shows the latest score.
 */
describe.skipIf(Boolean(skip))('抽调与传帮带: second a cadre, evaluate, see it in the pool', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a cadre with a mentor to the 巡察 batch and records an evaluation shown in the pool', async () => {
    const page: Page = await newPage(browser);
    onTestFailed(async () => {
      if (!page.isClosed()) await screenshot(page, 'secondments-failure').catch(() => undefined);
    });
    await signIn(page, 'gbjd.staff');
    await page.goto('/secondments');
    await page.getByTestId('secondments').waitFor();
    await page.getByRole('link', { name: '2026年第二批抽调干部参加市委巡察' }).click();
    await page.waitForURL(/\/secondments\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await page.getByTestId('secondment-add-member').click();
    await pick(page, 'secondment-cadre', '计兰心', '计兰心');
    await page.getByTestId('secondment-role').fill('巡察组成员');
    await pick(page, 'secondment-mentor', '寇以宁', '寇以宁');
    await page.getByTestId('secondment-add-ok').click();
    await page.getByTestId('evaluate-计兰心').waitFor({ timeout: 20_000 });

    await page.getByTestId('evaluate-计兰心').click();
    await page.getByLabel('评分').fill('87');
    await page.getByTestId('evaluate-comment').fill('个别谈话记录完整，问题底稿需加强（演示数据）');
    await page
      .getByRole('button', { name: /确\s*定|OK/ })
      .last()
      .click();
    await expect.poll(async () => (await page.locator('tr', { hasText: '计兰心' }).first().textContent()) ?? '', { timeout: 15_000 }).toContain('87');

    await page.goto('/secondments');
    await page.getByRole('tab', { name: '干部库' }).click();
    await page.getByPlaceholder('按姓名或单位搜索').fill('计兰心');
    await page.getByPlaceholder('按姓名或单位搜索').press('Enter');
    await expect.poll(async () => (await page.locator('tr', { hasText: '计兰心' }).first().textContent()) ?? '', { timeout: 15_000 }).toContain('87');

    // the mentor (寇以宁, 第三监督检查室) finds the pair under 我带教的干部 and records the next evaluation
    const mentor: Page = await newPage(browser);
    await signIn(mentor, 'jc3.staff');
    await mentor.goto('/mentees');
    await mentor.getByTestId('mentee-evaluate-计兰心').click();
    await mentor.getByLabel('评分').fill('91');
    await mentor.getByTestId('evaluate-comment').fill('能独立开展个别谈话（演示数据）');
    await mentor
      .getByRole('button', { name: /确\s*定|OK/ })
      .last()
      .click();
    await expect.poll(async () => (await mentor.locator('.ant-message').textContent()) ?? '', { timeout: 15_000 }).toContain('已登记评价');
    await page.reload();
    await page.getByRole('tab', { name: '干部库' }).click();
    await page.getByPlaceholder('按姓名或单位搜索').fill('计兰心');
    await page.getByPlaceholder('按姓名或单位搜索').press('Enter');
    await expect.poll(async () => (await page.locator('tr', { hasText: '计兰心' }).first().textContent()) ?? '', { timeout: 15_000 }).toContain('91');
  });
});

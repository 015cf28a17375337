import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { fillDate, isoDay, launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

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

  it('creates a batch to a 工作专班 through the create drawer and lands on its page', async () => {
    const page: Page = await newPage(browser);
    onTestFailed(async () => {
      if (!page.isClosed()) await screenshot(page, 'secondments-create-failure').catch(() => undefined);
    });
    await signIn(page, 'gbjd.staff');
    // a 专班 in term the batch may go to, as the drawer's target list offers it
    const targets = await page.request.get('/api/v1/secondment-targets?kind=TASK_FORCE');
    expect(targets.status()).toBe(200);
    const target = ((await targets.json()).items as { id: string; name: string }[])[0];
    expect(target, 'a 专班 in term in the demo').toBeDefined();
    const name = '演示数据：2027年第一批抽调干部参加专班工作';

    await page.goto('/secondments');
    await page.getByTestId('secondments').waitFor();
    await page.getByTestId('secondment-create').click();
    await page.getByTestId('secondment-name').waitFor({ state: 'visible', timeout: 10_000 });
    // saved empty: the drawer stays, with the required fields marked
    await page.getByTestId('secondment-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/secondments');

    await page.getByTestId('secondment-name').fill(name);
    await page.getByTestId('secondment-purpose').fill('以干代训：参与专班问题线索核查和整改督导（演示数据）');
    await pick(page, 'secondment-kind', '工作专班');
    await pick(page, 'secondment-target', target!.name, target!.name.slice(0, 4));
    // within the 专班's term (the server refuses a plan beyond it)
    await fillDate(page, 'secondment-start', isoDay(1));
    await fillDate(page, 'secondment-end', isoDay(10));
    await page.getByTestId('secondment-submit').click();
    await page.waitForURL(/\/secondments\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect.poll(async () => (await page.locator('h1').first().textContent()) ?? '', { timeout: 15_000 }).toContain(name);
    const batchId = new URL(page.url()).pathname.split('/').pop()!;
    // recorded as entered: the target and the dates
    const batch = await (await page.request.get(`/api/v1/secondment-batches/${batchId}`)).json();
    expect(batch).toMatchObject({ name, targetKind: 'TASK_FORCE', target: { id: target!.id }, plannedStart: isoDay(1), plannedEnd: isoDay(10) });
    // and listed in the ledger
    await page.goto('/secondments');
    await page.getByRole('link', { name }).waitFor({ timeout: 15_000 });
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 廉政档案 in the browser (issue 15, domain.md b.6): a dispatched group's leader asks to consult a cadre's file
 * (the cadre picked, two sections), the leader overseeing the 干部监督室 finds it on the 工作台 and approves it,
 * and the requester opens the file from the request — the approved sections only, under the approval's date; the
 * 干部监督室 finds the read in its consultation log.
 */
describe.skipIf(Boolean(skip))('廉政档案: request → the overseeing leader approves → the requester reads', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('files a consultation request, has it approved and reads the approved sections', async () => {
    const page: Page = await newPage(browser);
    onTestFailed(async () => {
      if (!page.isClosed()) await screenshot(page, 'integrity-files-failure').catch(() => undefined);
    });
    await signIn(page, 'edu.group');
    await page.goto('/integrity-files/requests');
    await page.getByTestId('integrity-file-requests').waitFor();
    await page.getByTestId('request-new').click();
    await pick(page, 'request-person', '管玉洁', '管玉洁');
    await page.getByTestId('request-reason').fill('拟对其开展廉政谈话，需了解基本情况和问题线索处置情况（演示数据）');
    await page.getByTestId('request-sections').getByText('基本情况', { exact: true }).click();
    await page.getByTestId('request-sections').getByText('问题线索及处置、案件', { exact: true }).click();
    await page.getByTestId('request-submit').click();
    await expect.poll(async () => (await page.locator('tr', { hasText: '管玉洁' }).first().textContent()) ?? '', { timeout: 20_000 }).toContain('待审批');
    // before the decision there is nothing to open
    expect(await page.getByTestId('open-file-管玉洁').count()).toBe(0);

    const leader: Page = await newPage(browser);
    onTestFailed(async () => {
      if (!leader.isClosed()) await screenshot(leader, 'integrity-files-leader-failure').catch(() => undefined);
    });
    await signIn(leader, 'cw4.member');
    await leader.goto('/');
    await leader.getByTestId('wb-ledger-integrityFileApprovals').click();
    await leader.getByTestId('integrity-file-approvals').waitFor();
    const row = leader.locator('tr', { hasText: '骆秉文' }).first();
    await row.getByRole('button', { name: '批准查阅' }).click();
    await leader.getByTestId('decide-comment').fill('同意查阅，限于廉政谈话使用（演示数据）');
    await leader.getByTestId('decide-ok').click();
    await expect.poll(async () => await leader.locator('tr', { hasText: '骆秉文' }).count(), { timeout: 20_000 }).toBe(0);

    await page.reload();
    await page.getByTestId('open-file-管玉洁').click();
    await page.getByTestId('integrity-file').waitFor({ timeout: 20_000 });
    await page.getByTestId('read-under').waitFor();
    expect(await page.getByTestId('section-BASIC').count()).toBe(1);
    expect(await page.getByTestId('section-CLUES_CASES').count()).toBe(1);
    // sections not approved are not there at all
    expect(await page.getByTestId('section-FAMILY').count()).toBe(0);
    await page.getByTestId('section-CLUES_CASES').click();
    await expect.poll(async () => (await page.getByTestId('integrity-file').textContent()) ?? '', { timeout: 15_000 }).toContain('校园餐');
    await screenshot(page, 'integrity-file-read-under-approval');

    // the custodian sees the read in the consultation log, under the leader's approval
    const keeper: Page = await newPage(browser);
    await signIn(keeper, 'gbjd.staff');
    await keeper.goto('/integrity-files/log');
    await keeper.getByTestId('integrity-file-log').waitFor();
    await expect
      .poll(async () => (await keeper.locator('tr', { hasText: '骆秉文' }).first().textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/管玉洁.*练冬禾 批准/);
    await screenshot(keeper, 'integrity-file-log');

    // and in its overview of every request addressed to it, the request with its state and who decided
    await keeper.goto('/integrity-files/requests/all');
    await keeper.getByTestId('integrity-file-all-requests').waitFor();
    await expect
      .poll(async () => (await keeper.getByTestId('all-requests-table').locator('tr', { hasText: '骆秉文' }).first().textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/管玉洁.*已批准.*练冬禾/);
    // filtered by state: the approved request stays, no pending one shows
    await pick(keeper, 'all-requests-state', '已批准');
    await expect
      .poll(async () => (await keeper.getByTestId('all-requests-table').locator('tbody').textContent()) ?? '', { timeout: 15_000 })
      .not.toContain('待审批');
    expect((await keeper.getByTestId('all-requests-table').locator('tbody').textContent()) ?? '').toContain('管玉洁');
    await screenshot(keeper, 'integrity-file-all-requests');
  });

  it('the 干部监督室 follows its 工作台 card to the files not updated for a year', async () => {
    const keeper: Page = await newPage(browser);
    onTestFailed(async () => {
      if (!keeper.isClosed()) await screenshot(keeper, 'integrity-files-keeper-failure').catch(() => undefined);
    });
    await signIn(keeper, 'gbjd.staff');
    // the card of files not updated for a year opens the register under that filter, with the same count
    await keeper.goto('/');
    const count = Number(await keeper.getByTestId('wb-count-integrityFilesStale').textContent());
    expect(count).toBeGreaterThan(0);
    await keeper.getByTestId('wb-ledger-integrityFilesStale').click();
    await keeper.getByTestId('files-table').waitFor();
    await expect
      .poll(() => keeper.getByTestId('integrity-files').locator('.ant-pagination-total-text').first().textContent(), { timeout: 20_000 })
      .toBe(`共 ${count} 条`);
    await expect.poll(async () => (await keeper.getByTestId('files-table').textContent()) ?? '', { timeout: 15_000 }).toContain('超过一年未更新');
    await screenshot(keeper, 'integrity-file-register');
  });
});

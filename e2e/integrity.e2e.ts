import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { fillDate, isoDay, launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 党风廉政意见回复 in the browser (issue 11): the 干部监督室 registers an organisation department's request
 * naming a cadre (linked to the person record the commission holds), collects what the commission holds on
 * them, concludes and submits; the leader overseeing the 干部监督室 signs it off (签发); the drafter numbers
 * and issues it, and the 发文字号 兰纪廉复〔年〕N号 shows on the reply.
 */
const DRAFTER = 'gbjd.staff';
const APPROVER = 'cw4.member';
const RUN = Date.now().toString(36);
const PURPOSE = `拟提拔任用（演示 ${RUN}）`;

const stateOf = async (page: Page) => ((await page.getByTestId('integrity-state').textContent()) ?? '').trim();

describe.skipIf(Boolean(skip))('党风廉政意见回复: from the request to the numbered reply', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers, collects, concludes, submits; the overseeing leader signs off; the drafter issues it with its 文号', async () => {
    const opened: Page[] = [];
    const open = async (user: string) => {
      const page = await newPage(browser);
      opened.push(page);
      await signIn(page, user);
      return page;
    };
    onTestFailed(async () => {
      for (const [i, page] of opened.entries()) if (!page.isClosed()) await screenshot(page, `integrity-failure-${i}`).catch(() => undefined);
    });

    // 1. The 干部监督室 registers the request for 管玉洁, linked to her person record.
    const drafter = await open(DRAFTER);
    await drafter.goto('/integrity');
    await drafter.getByTestId('integrity-create').click();
    await drafter.getByTestId('integrity-requesting-org').fill('中共兰州市委组织部');
    await drafter.getByTestId('integrity-purpose').fill(PURPOSE);
    await fillDate(drafter, 'integrity-received-on', isoDay(0));
    await fillDate(drafter, 'integrity-due-on', isoDay(20));
    await pick(drafter, 'integrity-cadre-0-person', '管玉洁', '管玉洁');
    await drafter.getByTestId('integrity-cadre-0-position').fill('后勤保障科科长');
    await drafter.getByTestId('integrity-submit-create').click();
    await drafter.waitForURL(/\/integrity\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const replyId = new URL(drafter.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => stateOf(drafter)).toBe('起草中');
    expect((await drafter.getByTestId('integrity-cadre-1').textContent()) ?? '').toContain('尚未查询');

    // 2. Collect: what the commission holds on her within the drafter's own scope — evidence lines with the
    // collector's name, or 未查询到相关记录 — replaces 尚未查询.
    await drafter.getByTestId('integrity-collect').click();
    await expect
      .poll(async () => {
        const card = (await drafter.getByTestId('integrity-cadre-1').textContent()) ?? '';
        return !card.includes('尚未查询') && (card.includes('查询人') || card.includes('未查询到相关记录'));
      })
      .toBe(true);
    await screenshot(drafter, 'integrity-collected');

    // 3. Conclude and submit.
    await drafter.getByTestId('integrity-conclude-1').click();
    await drafter.locator('.ant-modal:not(.ant-modal-hidden)').getByText('有问题但不影响使用').click();
    await drafter.getByTestId('integrity-opinion').fill('该同志在校园餐专项整治中被反映问题，已依规处置，不影响使用。（演示数据）');
    await drafter.locator('.ant-modal:not(.ant-modal-hidden) .ant-modal-footer .ant-btn-primary').click();
    await expect.poll(async () => (await drafter.getByTestId('integrity-cadre-1').textContent()) ?? '').toContain('有问题但不影响使用');
    await drafter.getByTestId('integrity-action-submit').click();
    await expect.poll(() => stateOf(drafter)).toBe('待审批');
    // Four eyes: the drafter cannot sign it off.
    expect(await drafter.getByTestId('integrity-action-approve').count()).toBe(0);

    // 4. The leader overseeing the 干部监督室 signs it off.
    const approver = await open(APPROVER);
    await approver.goto(`/integrity/${replyId}`);
    await expect.poll(() => stateOf(approver)).toBe('待审批');
    await approver.getByTestId('integrity-action-approve').click();
    await expect.poll(() => stateOf(approver)).toBe('已签发');
    expect(((await approver.getByTestId('integrity-docno').textContent()) ?? '').trim()).toBe('—');

    // 5. The drafter numbers and issues it: 兰纪廉复〔年〕N号.
    await drafter.reload();
    await expect.poll(() => stateOf(drafter)).toBe('已签发');
    await drafter.getByTestId('integrity-action-issue').click();
    await expect.poll(() => stateOf(drafter)).toBe('已编号印发');
    const year = isoDay(0).slice(0, 4);
    await expect
      .poll(async () => ((await drafter.getByTestId('integrity-docno').textContent()) ?? '').trim())
      .toMatch(new RegExp(`^兰纪廉复〔${year}〕\\d+号$`));
    await screenshot(drafter, 'integrity-issued');

    // The ledger lists it with its number.
    await drafter.goto('/integrity');
    await expect.poll(async () => (await drafter.locator('body').textContent()) ?? '').toContain(PURPOSE);
  }, 240_000);
});

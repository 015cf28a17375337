import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

interface Item {
  id: string;
  commonItemId: string | null;
  leadOrgId: string;
  state: string;
}

describe.skipIf(Boolean(skip))('supervision lists: a group reports progress and the coordinator sees the matrix change', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports progress on a common item, completes it, and the matrix cell and completion rate change', async () => {
    const coordinator = await newPage(browser);
    await signIn(coordinator, 'dfzf.staff');
    await coordinator.goto('/supervision/matrix');
    const overall = coordinator.getByTestId('matrix-overall-value');
    await expect.poll(() => overall.textContent()).toMatch(/%/);
    const before = await overall.textContent();
    await screenshot(coordinator, 'supervision-matrix-before');

    const group = await newPage(browser);
    await signIn(group, 'edu.group');
    await group.goto('/supervision/my-items');
    await group.getByTestId('my-items-table').waitFor({ state: 'visible' });
    await screenshot(group, 'supervision-my-items');
    const res = await group.request.get('/api/v1/supervision/my-items?role=lead&state=IN_PROGRESS&year=2026&pageSize=50');
    expect(res.status()).toBe(200);
    const item = ((await res.json()).items as Item[]).find((i) => i.commonItemId);
    expect(item, 'a common item the group leads, in progress').toBeTruthy();
    const cell = coordinator.getByTestId(`matrix-cell-${item!.leadOrgId}-${item!.commonItemId}`);
    expect(await cell.getAttribute('data-state')).toBe('IN_PROGRESS');

    await group.goto(`/supervision/items/${item!.id}`);
    await group.getByTestId('item-action-report').click();
    await group.getByTestId('progress-content').fill('本季度查阅会议记录12份，与3名班子成员谈话，未发现新问题。（演示数据）');
    await group.getByTestId('progress-submit').click();
    await expect.poll(() => group.locator('body').textContent()).toContain('本季度查阅会议记录12份');
    await group.getByTestId('item-action-complete').click();
    const confirm = group.getByTestId('item-action-complete-confirm');
    await confirm.waitFor({ state: 'visible', timeout: 10_000 });
    await confirm.click();
    await expect
      .poll(async () => (await (await group.request.get(`/api/v1/supervision/items/${item!.id}`)).json()).state, { timeout: 15_000 })
      .toBe('COMPLETED');
    await screenshot(group, 'supervision-item-completed');

    await coordinator.reload();
    await expect.poll(() => cell.getAttribute('data-state'), { timeout: 15_000 }).toBe('COMPLETED');
    await expect.poll(() => overall.textContent()).not.toBe(before);
    await screenshot(coordinator, 'supervision-matrix-after');
  });
});

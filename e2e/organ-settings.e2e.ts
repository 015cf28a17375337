import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, pick, signIn, skipReason } from './browser';

/**
 * Issue 14 on the 系统配置 screen: the system administrator edits the organs' formal short names (a name),
 * refused with the server's message when it holds a space, and the objection period's unit (a choice);
 * the API then answers the saved values.
 */
const skip = skipReason();

type Item = { key: string; value: number | string };
async function storedValue(page: Page, key: string): Promise<number | string | undefined> {
  const res = await page.request.get('/api/v1/settings');
  return ((await res.json()).items as Item[]).find((i) => i.key === key)?.value;
}

describe.skipIf(Boolean(skip))('organ names and letter periods on the settings screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the system administrator renames the 印发机关 and sets the objection unit to 自然日, then restores both', async () => {
    const page = await newPage(browser);
    await signIn(page, 'sysadmin');
    await page.goto('/admin/settings');
    const office = page.getByTestId('setting-doc.officeName');
    await office.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await office.inputValue()).toBe('中共兰州市纪委办公室');
    const row = (testId: string) => page.locator('tr', { has: page.getByTestId(testId) });

    // A space is refused with the server's zh-CN message; nothing is stored.
    await office.fill('中共兰州市纪委 办公室');
    await row('setting-doc.officeName').locator('button.ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent(), { timeout: 15_000 }).toContain('不含空格');
    expect(await storedValue(page, 'doc.officeName')).toBe('中共兰州市纪委办公室');

    await office.fill('中共兰州市纪委办公室（测试）');
    await row('setting-doc.officeName').locator('button.ant-btn-primary').click();
    await expect.poll(() => storedValue(page, 'doc.officeName'), { timeout: 15_000 }).toBe('中共兰州市纪委办公室（测试）');

    await pick(page, 'setting-letter.objectionUnit', '自然日');
    await row('setting-letter.objectionUnit').locator('button.ant-btn-primary').click();
    await expect.poll(() => storedValue(page, 'letter.objectionUnit'), { timeout: 15_000 }).toBe('CALENDAR_DAYS');

    // Restore (the demo values) through the API the screen uses.
    const put = (key: string, value: string) => page.request.put(`/api/v1/settings/${key}`, { data: { value }, headers: { 'x-requested-with': 'liandong' } });
    expect((await put('doc.officeName', '中共兰州市纪委办公室')).status()).toBe(200);
    expect((await put('letter.objectionUnit', 'WORKING_DAYS')).status()).toBe(200);
  });
});

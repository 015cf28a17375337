import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();
if (skip) console.warn(skip);

describe.skipIf(Boolean(skip))('a dispatched-group user sees only their scope', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, sees their group and host units, and nothing of other groups', async () => {
    const page = await newPage(browser);
    await signIn(page, 'edu.group');
    await expect.poll(() => page.getByTestId('home-org-name').textContent()).toContain('驻市教育局纪检监察组');
    const scopeCount = Number(await page.getByTestId('home-scope-count').textContent());
    expect(scopeCount).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'home-group');

    await page.goto('/org/tree');
    const tree = page.getByTestId('org-tree');
    await expect.poll(() => tree.textContent()).toContain('市教育局');
    const text = await tree.textContent();
    expect(text).not.toContain('驻市财政局纪检监察组');
    expect(text).not.toContain('示例城市商业银行');
    await screenshot(page, 'org-tree-group');

    // The API agrees with the screen: every org it lists is in scope, and another group's unit is a 404.
    const list = await page.request.get('/api/v1/orgs?pageSize=200');
    expect(list.status()).toBe(200);
    const names: string[] = (await list.json()).items.map((o: { nameZh: string }) => o.nameZh);
    expect(names).toContain('市教育局');
    expect(names.some((n) => n.includes('财政'))).toBe(false);
    expect(names.length).toBe(scopeCount);
  });
});

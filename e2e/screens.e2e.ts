import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

describe.skipIf(Boolean(skip))('main screens of an office director', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the liaised groups in the tree and the linkage map, with a watermark', async () => {
    const page = await newPage(browser);
    await signIn(page, 'jc3.director');
    await expect.poll(() => page.getByTestId('home-org-name').textContent()).toContain('第三监督检查室');
    await screenshot(page, 'home');
    await page.goto('/org/tree');
    await expect.poll(() => page.getByTestId('org-tree').textContent()).toContain('驻市教育局纪检监察组');
    await screenshot(page, 'org-tree');
    await page.goto('/org/map');
    await page.waitForSelector('canvas', { timeout: 20_000 });
    await page.waitForTimeout(1500);
    await screenshot(page, 'linkage-map');
    await page.goto('/org/zones');
    await page.waitForTimeout(800);
    await screenshot(page, 'zones');
    await page.goto('/people');
    await page.waitForTimeout(800);
    await screenshot(page, 'people');
  });

  it('a new screen opens at its top, and the menu stays in view while a long screen scrolls', async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 1440, height: 600 });
    await signIn(page, 'jc3.director');
    await page.goto('/org/tree');
    await expect.poll(() => page.getByTestId('org-tree').textContent()).toContain('驻市教育局纪检监察组');
    // Make the screen long for certain (the frame persists across screens, so the next one is as long).
    await page.evaluate("document.querySelector('.ld-content-inner').style.minHeight = '3000px'; window.scrollTo(0, 2000)");
    await expect.poll(() => page.evaluate<number>('window.scrollY')).toBeGreaterThan(100);
    // The menu is still on screen at this scroll position: click a screen in it.
    const item = page.getByTestId('app-menu').getByRole('menuitem', { name: '人员信息' });
    expect(await item.isVisible()).toBe(true);
    await item.click();
    await page.waitForURL(/\/people$/);
    await expect.poll(() => page.evaluate<number>('window.scrollY')).toBe(0);
  });

  it('on a 390 px phone the menu folds away and the screen gets the width', async () => {
    const page = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'jc3.director');
    await expect.poll(() => page.getByTestId('home-org-name').textContent()).toContain('第三监督检查室');
    await expect.poll(async () => (await page.locator('.ld-sider').boundingBox())?.width ?? -1).toBeLessThanOrEqual(1);
    const content = await page.locator('.ld-content').boundingBox();
    expect(content!.width).toBeGreaterThanOrEqual(370);
    // The header's items do not overlap: the user button ends inside the viewport.
    const user = await page.getByTestId('user-menu').boundingBox();
    expect(user!.x + user!.width).toBeLessThanOrEqual(390);
    const brand = await page.locator('.ld-brand').boundingBox();
    const bell = await page.getByTestId('inbox-badge').boundingBox();
    expect(brand!.x + brand!.width).toBeLessThanOrEqual(bell!.x);
    // The demo label stays on the page (its title), not squeezed under the header's buttons.
    expect(await page.getByTestId('demo-tag').isVisible()).toBe(false);
    // The button that unfolds the menu covers no part of the page's title, and it opens the menu.
    const trigger = page.locator('.ant-layout-sider-zero-width-trigger');
    const [tb, h1] = [await trigger.boundingBox(), await page.locator('h1').boundingBox()];
    expect(tb!.y >= h1!.y + h1!.height || tb!.y + tb!.height <= h1!.y || tb!.x >= h1!.x + h1!.width).toBe(true);
    await screenshot(page, 'home-390');
    await trigger.click();
    await expect.poll(async () => (await page.locator('.ld-sider').boundingBox())?.width ?? 0).toBeGreaterThan(150);
    await trigger.click();
    await expect.poll(async () => (await page.locator('.ld-sider').boundingBox())?.width ?? -1).toBeLessThanOrEqual(1);
    // The workbench, a ledger and an item read on the phone: nothing makes the page wider than the screen (wide
    // tables scroll inside their own box).
    const pageWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');
    await page.getByTestId('workbench').waitFor({ state: 'visible' });
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await page.goto('/clues');
    await page.getByTestId('clue-ledger-page').locator('.ant-table-row').first().waitFor({ state: 'visible', timeout: 20_000 });
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await screenshot(page, 'clues-390');
    const items = await page.request.fetch('/api/v1/supervision/my-items?role=all&page=1&pageSize=1', { headers: { 'x-requested-with': 'liandong' } });
    const item = ((await items.json()) as { items: { id: string; matter: string }[] }).items[0]!;
    await page.goto(`/supervision/items/${item.id}`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toContain(item.matter.slice(0, 8));
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await screenshot(page, 'item-390');
  }, 120_000);
});

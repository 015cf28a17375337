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
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

describe.skipIf(Boolean(skip))('the system administrator cannot open business content', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('enrols TOTP on first sign-in, manages accounts, but is refused people and attachments', async () => {
    const page = await newPage(browser);
    await signIn(page, 'sysadmin');
    await page.goto('/admin/users');
    await expect.poll(() => page.locator('body').textContent()).toContain('edu.group');
    await screenshot(page, 'admin-users');

    const menu = await page.getByTestId('app-menu').textContent();
    expect(menu).not.toContain('人员信息');

    await page.goto('/people');
    await page.getByTestId('forbidden-page').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('forbidden-page').textContent()).toContain('无权访问');
    const people = await page.request.get('/api/v1/people');
    expect(people.status()).toBe(403);
    const attachments = await page.request.get('/api/v1/attachments?ownerType=any');
    expect([403, 404]).toContain(attachments.status());

    await page.goto('/admin/calendar');
    await expect.poll(() => page.locator('body').textContent()).toContain('2026');
    await screenshot(page, 'admin-calendar');
  });

  it('the audit administrator searches the trail and verifies the chain', async () => {
    const page = await newPage(browser);
    await signIn(page, 'auditadmin');
    await page.goto('/audit');
    await expect.poll(() => page.locator('body').textContent()).toContain('登录成功');
    await screenshot(page, 'audit');
    const verify = await page.request.get('/api/v1/audit/verify');
    expect(verify.status()).toBe(200);
    expect((await verify.json()).ok).toBe(true);
    const people = await page.request.get('/api/v1/people');
    expect(people.status()).toBe(403);
  });
});

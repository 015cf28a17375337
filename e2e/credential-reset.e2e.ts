import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();
const CSRF = { 'x-requested-with': 'liandong' };
/** A 分管领导 account no other journey signs in with: its password changes here. */
const LEADER = 'cw3.member';
const NEW_PASSWORD = 'Reset#2026lzQ';

describe.skipIf(Boolean(skip))('三员: a leader’s credentials are reset only with a second administrator', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the security administrator files the reset; the accounts screen offers the approval to the system administrator only', async () => {
    const sec = await newPage(browser);
    await signIn(sec, 'secadmin');
    const found = await sec.request.get(`/api/v1/users?q=${LEADER}`);
    const leader = ((await found.json()) as { items: { id: string; username: string; version: number }[] }).items.find((u) => u.username === LEADER);
    expect(leader).toBeDefined();
    const filed = await sec.request.post(`/api/v1/users/${leader!.id}/reset-password`, {
      headers: CSRF,
      data: { version: leader!.version, newPassword: NEW_PASSWORD },
    });
    expect(filed.status()).toBe(202);
    // Not yet in force: the old password still signs in, the new one does not.
    const before = await sec.request.post('/api/v1/auth/login', { headers: CSRF, data: { username: LEADER, password: NEW_PASSWORD } });
    expect(before.status()).toBe(401);

    await sec.goto('/admin/users');
    const card = sec.getByTestId('credential-resets');
    await expect.poll(() => card.textContent()).toContain(LEADER);
    expect(await card.textContent()).toContain('待批准');
    // The requester is never offered the approval of their own request.
    expect(await sec.getByTestId('reset-approve').count()).toBe(0);
    await screenshot(sec, 'credential-reset-requested');

    const sys = await newPage(browser);
    await signIn(sys, 'sysadmin');
    await sys.goto('/admin/users');
    await sys.getByTestId('reset-approve').first().waitFor({ state: 'visible', timeout: 15_000 });
    await sys.getByTestId('reset-approve').first().click();
    await sys.locator('.ant-modal-confirm-btns button').last().click();
    await expect.poll(() => sys.getByTestId('credential-resets').textContent()).toContain('已批准');
    await sys.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: 15_000 });
    await screenshot(sys, 'credential-reset-approved');

    const after = await sys.request.post('/api/v1/auth/login', { headers: CSRF, data: { username: LEADER, password: NEW_PASSWORD } });
    expect(after.status()).toBe(200);
  });
});

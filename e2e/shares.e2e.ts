import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 信息互通 in the browser (issue 11): the 驻市金融工作部门纪检监察组 asks 第七审查调查室 for its 执纪审查 information
 * (clues); the leader overseeing that office (demo 分管: fsj3.deputy) narrows the grant to one clue and
 * approves it; the group reads it under the grant and opens the clue; the grant then ends (its dates are
 * moved to yesterday in the database, as the calendar would) and the group can no longer open the clue.
 */
const GROUP = 'fin.staff';
const OWNER = '第七审查调查室';
const APPROVER = 'fsj3.deputy';
const PURPOSE = `核查驻在部门干部问题线索时需了解相关线索办理情况（演示数据 ${Date.now().toString(36)}）`;

async function shareState(page: Page): Promise<string> {
  const el = page.getByTestId('share-state');
  return `${await el.getAttribute('data-state')}/${await el.getAttribute('data-effect')}`;
}

/** Clicks an action's confirm button once the modal is open, and waits for the server's answer. */
async function confirm(page: Page, testId: string) {
  const button = page.getByTestId(testId);
  await button.waitFor({ state: 'visible', timeout: 10_000 });
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/shares\/[^/]+\/actions$/.test(new URL(r.url()).pathname), {
    timeout: 20_000,
  });
  await button.click();
  const answer = await answered;
  expect(answer.status(), await answer.text()).toBe(200);
  await button.waitFor({ state: 'hidden', timeout: 15_000 });
}

describe.skipIf(Boolean(skip))('信息互通: a group requests 执纪审查 information, the overseeing leader approves, the group reads it, the grant ends', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('request → approval narrowed to one clue → the grantee opens it → after the end date it is gone', async () => {
    const opened: Page[] = [];
    const open = async (user: string) => {
      const page = await newPage(browser);
      opened.push(page);
      await signIn(page, user);
      return page;
    };
    onTestFailed(async () => {
      for (const [i, page] of opened.entries()) if (!page.isClosed()) await screenshot(page, `shares-failure-${i}`).catch(() => undefined);
    });

    // 1. The group asks 第七审查调查室 for clues (执纪审查, summary level, the default three months).
    const group = await open(GROUP);
    await group.getByTestId('menu-/shares').click();
    await group.getByTestId('shares-page').waitFor({ state: 'visible', timeout: 20_000 });
    await group.getByTestId('share-new').click();
    await group.getByTestId('share-form').waitFor({ state: 'visible', timeout: 10_000 });
    await pick(group, 'share-owner-org', OWNER, true);
    await group.getByTestId('share-purpose').fill(PURPOSE);
    // The kind's two categories are offered; the group asks for clues only.
    await group.getByTestId('share-category-types').locator('label', { hasText: '案件' }).click();
    await screenshot(group, 'shares-request');
    await group.getByTestId('share-submit').click();
    await group.waitForURL(/\/shares\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const shareId = new URL(group.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => shareState(group)).toBe('PENDING/NONE');
    expect(await group.getByTestId('share-category').textContent()).toContain('问题线索');
    expect(await group.getByTestId('share-category').textContent()).not.toContain('案件');
    // The group may withdraw its own request, not approve it.
    expect(await group.getByTestId('share-action-withdraw').count()).toBe(1);
    expect(await group.getByTestId('share-action-approve').count()).toBe(0);

    // 2. The leader overseeing the owner office finds it in 待我审批 (with its count) and approves one clue.
    const leader = await open(APPROVER);
    await leader.goto('/shares?box=toApprove');
    await expect.poll(async () => Number(await leader.getByTestId('shares-tab-toApprove').getAttribute('data-count'))).toBeGreaterThan(0);
    await leader.getByTestId(`share-row-${shareId}`).click();
    await leader.waitForURL(new RegExp(`/shares/${shareId}$`), { timeout: 20_000 });
    await leader.getByTestId('share-action-approve').click();
    await leader.getByTestId('share-approve-form').waitFor({ state: 'visible', timeout: 10_000 });
    const chosen = await pick(leader, 'share-approve-objects', '问题线索');
    await leader.keyboard.press('Escape');
    await screenshot(leader, 'shares-approve');
    const approval = leader.waitForRequest((r) => r.method() === 'POST' && /\/api\/v1\/shares\/[^/]+\/actions$/.test(new URL(r.url()).pathname));
    await confirm(leader, 'share-approve-confirm');
    // The approval carried the one chosen clue (the grant is narrowed, not left on the whole category).
    expect(((await approval).postDataJSON() as { objects?: unknown[] }).objects).toHaveLength(1);
    await expect.poll(() => shareState(leader)).toBe('APPROVED/ACTIVE');
    // The grant now names exactly the chosen clue.
    await expect.poll(() => leader.getByTestId('share-objects').locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(chosen).toContain('问题线索');

    // 3. The group finds it in 共享给我的, reads the one clue under the grant and opens its page.
    await group.goto('/shares');
    await group.getByTestId('shares-tab-grantedToMe').click();
    await group.getByTestId(`share-row-${shareId}`).click();
    await group.waitForURL(new RegExp(`/shares/${shareId}$`), { timeout: 20_000 });
    await expect.poll(() => shareState(group)).toBe('APPROVED/ACTIVE');
    const reading = group.getByTestId('share-reading');
    await expect.poll(() => reading.locator('tbody tr.ant-table-row').count()).toBe(1);
    await screenshot(group, 'shares-reading');
    const link = reading.locator('a[data-testid^="share-object-"]').first();
    const clueHref = (await link.getAttribute('href')) ?? '';
    expect(clueHref).toMatch(/^\/clues\/[0-9a-f-]{36}$/);
    await link.click();
    await group.waitForURL((u) => u.pathname === clueHref, { timeout: 20_000 });
    await group.getByTestId('clue-page').waitFor({ state: 'visible', timeout: 20_000 });
    // The page says it is read under a grant (summary, read-only) and links back to the grant.
    await group.getByTestId('shared-notice').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await group.getByTestId('shared-notice').textContent()).toContain('摘要');
    await screenshot(group, 'shares-clue');

    // 4. The grant ends: yesterday was its last day (moved in the database; the server keeps no expiry job).
    const db = new pg.Client({ connectionString: inject('e2eDatabaseUrl') });
    await db.connect();
    try {
      const moved = await db.query(
        "UPDATE information_share SET starts_on = current_date - 7, ends_on = current_date - 1 WHERE id = $1 AND state = 'APPROVED'",
        [shareId],
      );
      expect(moved.rowCount).toBe(1);
    } finally {
      await db.end();
    }
    await group.goto(clueHref);
    await expect.poll(() => group.locator('.ant-result-404').count()).toBe(1);
    expect(await group.getByTestId('clue-page').count()).toBe(0);
    await group.goto(`/shares/${shareId}`);
    await expect.poll(() => shareState(group)).toBe('APPROVED/EXPIRED');
    expect(await group.getByTestId('share-effect').textContent()).toBe('已到期');
    await group.getByTestId('share-not-in-force').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await group.getByTestId('share-reading').count()).toBe(0);
    // Which clue was shared is itself information: once the grant ended the group sees only how many.
    expect(await group.getByTestId('share-objects-hidden').textContent()).toContain('1');
    await screenshot(group, 'shares-expired');
  }, 240_000);
});

import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { fillDate, isoDay, launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 会议 in the browser (issue 11): the 书记 registers a 常委会 with an agenda item and its attendance — one
 * member present, one deputy on leave with a reason — marks it held, assigns a decision to an office with a
 * deadline, writes and issues the minutes and downloads the 纪要: a GB/T 9704 纪要 without a 发文字号, with
 * the 出席 and 请假 lines. The decision is on the decisions board of the meetings the 书记 chaired.
 */
const LEADER = 'sj.secretary';
const RUN = Date.now().toString(36);
const TITLE = `市纪委常委会会议（演示 ${RUN}）`;
const DECISION = `督促第五监督检查室完成专项监督报告（演示 ${RUN}）`;
const HEADERS = { 'x-requested-with': 'liandong' };

/** A staff member's display name, from the meeting staff search (setup only). */
async function nameOf(page: Page, username: string): Promise<string> {
  const res = await page.request.fetch(`/api/v1/meetings/staff?q=${encodeURIComponent(username)}`, { headers: HEADERS });
  expect(res.status()).toBe(200);
  const items = ((await res.json()) as { items: { name: string }[] }).items;
  expect(items.length, username).toBe(1);
  return items[0]!.name;
}

async function meetingState(page: Page): Promise<string | null> {
  return page.getByTestId('meeting-state').getAttribute('data-state');
}

/** The text of a DOCX's body (runs joined). */
async function docxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe.skipIf(Boolean(skip))('会议: a 常委会 from registration to an issued 纪要 and a tracked decision', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers with agenda and attendance, holds, decides, issues the minutes; the 纪要 has no 文号 and the attendance lines', async () => {
    const page = await newPage(browser);
    onTestFailed(async () => {
      if (!page.isClosed()) await screenshot(page, 'meetings-failure').catch(() => undefined);
    });
    await signIn(page, LEADER);
    const [me, member, deputy] = [await nameOf(page, LEADER), await nameOf(page, 'cw1.member'), await nameOf(page, 'fsj2.deputy')];

    // 1. Register: type 常委会 (the default), title, chair, one agenda item, two attendees (one 请假 with a reason).
    await page.goto('/meetings');
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-title').fill(TITLE);
    await pick(page, 'meeting-chair', me, LEADER);
    await page.getByRole('button', { name: '增加议程' }).click();
    await page.getByPlaceholder('议题').first().fill('研究部署第五监督检查室专项监督工作');
    await page.getByTestId('meeting-add-attendee').click();
    await pick(page, 'meeting-attendee-0-user', member, 'cw1.member');
    await page.getByTestId('meeting-add-attendee').click();
    await pick(page, 'meeting-attendee-1-user', deputy, 'fsj2.deputy');
    await pick(page, 'meeting-attendee-1-attendance', '请假');
    await page.getByTestId('meeting-attendee-1-reason').fill('外出学习');
    await page.getByTestId('meeting-save').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect.poll(() => meetingState(page)).toBe('PLANNED');
    const body = (await page.getByTestId('meeting-page').textContent()) ?? '';
    expect(body).toContain('研究部署第五监督检查室专项监督工作');
    expect(body).toContain('外出学习');
    expect(body).toContain('工作秘密');
    await screenshot(page, 'meeting-registered');

    // 2. Held, then a decision with its owner org and deadline.
    await page.getByTestId('meeting-action-hold').click();
    await expect.poll(() => meetingState(page)).toBe('HELD');
    await page.getByTestId('decision-add').click();
    await page.getByTestId('decision-content').fill(DECISION);
    await pick(page, 'decision-owner', '第五监督检查室', '第五监督');
    await fillDate(page, 'decision-deadline', isoDay(30));
    await page.locator('.ant-modal:not(.ant-modal-hidden) .ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('decision-form').waitFor({ state: 'hidden', timeout: 15_000 });
    await expect.poll(async () => (await page.getByTestId('meeting-page').textContent()) ?? '').toContain(DECISION);

    // 3. Minutes written and issued.
    await page.getByTestId('meeting-minutes').fill('会议听取了第五监督检查室专项监督工作情况汇报，研究了下一步工作。（演示数据）');
    await page.getByTestId('meeting-minutes-save').click();
    await expect.poll(() => page.getByTestId('meeting-minutes-save').isDisabled()).toBe(true);
    await page.getByTestId('meeting-action-issueMinutes').click();
    await expect.poll(() => meetingState(page)).toBe('MINUTES_ISSUED');
    await screenshot(page, 'meeting-minutes-issued');

    // 4. The 纪要 DOCX: no 发文字号; 出席 / 请假 lines with the people (and the leave reason).
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('meeting-docx').click()]);
    const file = await download.path();
    const text = await docxText(readFileSync(file));
    expect(text).toContain('纪要');
    expect(text).not.toMatch(/〔\d{4}〕\d+号/);
    expect(text).toMatch(new RegExp(`出席：.*${member}`));
    expect(text).toMatch(new RegExp(`请假：.*${deputy}.*外出学习`));
    expect(text).toContain(DECISION);

    // 5. The decision is on the board of the meetings the 书记 chaired.
    await page.goto('/meetings/decisions?view=chaired');
    await expect.poll(async () => (await page.getByTestId('decisions-table').textContent()) ?? '').toContain(DECISION);
    expect((await page.getByTestId('decisions-table').textContent()) ?? '').toContain(TITLE);
    await screenshot(page, 'meeting-decisions-board');
  }, 240_000);
});

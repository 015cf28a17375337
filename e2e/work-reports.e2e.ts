import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { isoDay, launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 工作报告 in the browser (issue 11: "drafted by the unit, approved by its head, submitted, heard at a meeting"):
 * 驻市教育局纪检监察组's staff member drafts the group's report in a free slot of the reporting calendar and submits
 * it for approval; the group's head (本单位负责人, the demo 组长 edu.group) finds it on the 工作台 and approves it —
 * the overseeing 分管领导 is not asked; the staff member submits it to the 常委会, where it is offered for hearing
 * (a 常委会's 听取汇报 item may link it). No other journey drafts or approves work reports.
 */
const DRAFTER = 'edu.staff';
const HEAD = 'edu.group';
/** The demo 组长's (fictional) name. */
const HEAD_NAME = '骆秉文';
const GROUP_CODE = 'LZ-JW-PZ-JYJ';
const HEADERS = { 'x-requested-with': 'liandong' };
const RUN = Date.now().toString(36);

interface SlotItem {
  id: string;
  reporterOrg: { id: string };
  report: { id: string } | null;
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.fetch(url, { headers: HEADERS });
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/**
 * Setup: a year the calendar's year filter offers (next year, then the past five) whose yearly slot of the group
 * has no report yet, planned by the 党风政风监督室 if needed (planning is idempotent).
 */
async function freeSlot(planner: Page, group: Page): Promise<{ year: number; slotId: string }> {
  const orgs = await getJson<{ items: { id: string; code: string }[] }>(group, `/api/v1/orgs?q=${GROUP_CODE}&directory=true`);
  const orgId = orgs.items.find((o) => o.code === GROUP_CODE)!.id;
  const now = Number(isoDay().slice(0, 4));
  for (const year of [now + 1, now - 1, now - 2, now - 3, now - 4, now - 5]) {
    const plan = await planner.request.fetch('/api/v1/report-slots/schedules', {
      method: 'POST',
      headers: { ...HEADERS, 'content-type': 'application/json' },
      data: { reporterOrgId: orgId, cadence: 'YEARLY', year },
    });
    expect(plan.status(), await plan.text()).toBe(200);
    const slots = await getJson<{ items: SlotItem[] }>(group, `/api/v1/report-slots?year=${year}&reporterOrgId=${orgId}`);
    const slot = slots.items.find((s) => s.report === null);
    if (slot) return { year, slotId: slot.id };
  }
  throw new Error('no free slot for the education group');
}

async function state(page: Page): Promise<string> {
  return ((await page.getByTestId('report-page').textContent()) ?? '').trim();
}

/** Clicks an action button of the report page and confirms it; waits for the server's 200. */
async function act(page: Page, action: string): Promise<void> {
  await page.getByTestId(`report-action-${action}`).click();
  const ok = page.locator('.ant-modal-confirm-btns .ant-btn-primary');
  await ok.waitFor({ state: 'visible', timeout: 10_000 });
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/work-reports\/[^/]+\/actions$/.test(new URL(r.url()).pathname), {
    timeout: 20_000,
  });
  await ok.click();
  const answer = await answered;
  expect(answer.status(), await answer.text()).toBe(200);
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: 15_000 });
}

describe.skipIf(Boolean(skip))('工作报告: the unit drafts, its head approves, the unit submits it to the 常委会 for hearing', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('drafts and submits; the head sees it on the 工作台 and approves; submitted to the 常委会 it is offered for hearing', async () => {
    const drafter = await newPage(browser);
    const planner = await newPage(browser);
    const head = await newPage(browser);
    onTestFailed(async () => {
      for (const [p, name] of [
        [drafter, 'work-reports-drafter-failure'],
        [head, 'work-reports-head-failure'],
      ] as const) {
        if (!p.isClosed()) await screenshot(p, name).catch(() => undefined);
      }
    });
    await signIn(drafter, DRAFTER);
    await signIn(planner, 'dfzf.staff');
    const { year, slotId } = await freeSlot(planner, drafter);

    // 1. The staff member drafts the report from the calendar, writes the four sections and submits it for approval.
    await drafter.goto('/work-reports');
    await pick(drafter, 'report-year', String(year));
    await drafter.getByTestId(`slot-draft-${slotId}`).click();
    await drafter.waitForURL(/\/work-reports\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const reportId = new URL(drafter.url()).pathname.split('/').pop()!;
    await drafter.getByTestId('report-practices').fill(`聚焦校园餐监督，会同第三监督检查室开展联合监督（演示数据 ${RUN}）。`);
    await drafter.getByTestId('report-results').fill('开展专项监督检查5次，发现问题12个，整改销号10个。');
    await drafter.getByTestId('report-shortcomings').fill('对基层学校的监督覆盖还不够均衡。');
    await drafter.getByTestId('report-suggestions').fill('建议加强室组地联动，开展共性问题集中治理。');
    const saved = drafter.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === `/api/v1/work-reports/${reportId}`);
    await drafter.getByTestId('report-save').click();
    expect((await saved).status()).toBe(200);
    // Act on the version just saved (the page re-renders from the refetched report).
    await drafter.reload();
    await expect.poll(() => drafter.getByTestId('report-practices').inputValue(), { timeout: 15_000 }).toContain(RUN);
    await act(drafter, 'submit');
    await expect.poll(() => state(drafter), { timeout: 15_000 }).toContain('待审批');
    // The drafter is not the head: no approval for them.
    expect(await drafter.getByTestId('report-action-approve').count()).toBe(0);
    await screenshot(drafter, 'work-report-submitted');

    // 2. The head finds it waiting on the 工作台 (home inbox) and approves it.
    await signIn(head, HEAD);
    await head.goto('/');
    const notice = head.locator(`[data-testid="home-inbox"] a[href="/work-reports/${reportId}"]`).first();
    await notice.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await notice.textContent()).toContain('提交审批');
    await notice.click();
    await head.waitForURL(new RegExp(`/work-reports/${reportId}$`), { timeout: 20_000 });
    await head.getByTestId('report-action-approve').waitFor({ state: 'visible', timeout: 15_000 });
    await act(head, 'approve');
    await expect.poll(() => state(head), { timeout: 15_000 }).toContain('已审批');
    expect((await getJson<{ approvedBy: string }>(head, `/api/v1/work-reports/${reportId}`)).approvedBy).toBe(HEAD_NAME);
    expect(await state(head)).toContain(HEAD_NAME);
    await screenshot(head, 'work-report-approved');

    // 3. The unit submits it to the 常委会; it is now offered to a 常委会's 听取汇报 item.
    await drafter.reload();
    await drafter.getByTestId('report-action-submitToCommittee').waitFor({ state: 'visible', timeout: 15_000 });
    await act(drafter, 'submitToCommittee');
    await expect.poll(() => state(drafter), { timeout: 15_000 }).toContain('已报送');
    const linkable = await getJson<{ items: { id: string }[] }>(planner, `/api/v1/work-reports?linkable=true&year=${year}&pageSize=100`);
    expect(linkable.items.map((r) => r.id)).toContain(reportId);
    await planner.goto(`/work-reports/${reportId}`);
    await expect.poll(() => state(planner), { timeout: 15_000 }).toContain('已报送');
    await screenshot(planner, 'work-report-for-hearing');
  }, 300_000);
});

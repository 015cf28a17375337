import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmPopover, launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();
const H = { 'x-requested-with': 'liandong' };

async function post(page: Page, url: string, data: unknown) {
  const res = await page.request.post(url, { data, headers: H });
  expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

describe.skipIf(Boolean(skip))('supervision lists: 室组会商 and the overseeing leader’s approval in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the liaison office consults a new list and the 分管领导 approves it; the approved list exports as DOCX and the 党风政风监督室 issues it', async () => {
    const office = await newPage(browser);
    await signIn(office, 'jc3.director');
    const orgs = (await (await office.request.get('/api/v1/orgs?q=教育局&pageSize=50')).json()).items as { id: string; nameZh: string; kind: string }[];
    const group = orgs.find((o) => o.kind === 'DISPATCHED_GROUP')!;
    const me = await (await office.request.get('/api/v1/me')).json();
    const list = await post(office, '/api/v1/supervision/lists', { year: 2027, type: 'INDIVIDUAL', ownerGroupId: group.id, bases: ['ANNUAL_PRIORITY'] });
    await post(office, `/api/v1/supervision/lists/${list.id}/items`, {
      matter: '教育系统“双减”政策落实中的作风问题监督（演示数据）',
      bases: ['ANNUAL_PRIORITY'],
      leadSide: 'GROUP',
      leadOrgId: group.id,
      assistSide: 'OFFICE',
      assistOrgId: me.user.org.id,
      methods: ['TALK', 'FIELD_CHECK'],
      dueDate: '2027-06-30',
    });
    await post(office, `/api/v1/supervision/lists/${list.id}/consultations`, {
      heldOn: '2027-01-12',
      participants: [{ name: '桑恪之', orgName: '第三监督检查室', role: '主任' }],
      opinions: '同意按清单推进，协助方负责谈话。（演示数据）',
    });

    await office.goto(`/supervision/lists/${list.id}`);
    await office.getByTestId('list-consult').click();
    await confirmPopover(office);
    await expect.poll(() => office.getByTestId('list-state-counts').textContent(), { timeout: 15_000 }).toContain('已会商');
    await screenshot(office, 'supervision-list-consulted');

    const leader = await newPage(browser);
    await signIn(leader, 'cw1.member');
    await leader.goto(`/supervision/lists/${list.id}`);
    await leader.getByTestId('list-approve').click();
    await confirmPopover(leader);
    await expect.poll(() => leader.getByTestId('list-state-counts').textContent(), { timeout: 15_000 }).toContain('已审定');
    await screenshot(leader, 'supervision-list-approved');

    const docx = await leader.request.get(`/api/v1/supervision/lists/${list.id}/export.docx`);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    // Only the 党风政风监督室 issues it (印发) as a numbered 通知; the number then shows on the page.
    expect(await leader.getByTestId('list-issue').count()).toBe(0);
    const coordinator = await newPage(browser);
    await signIn(coordinator, 'dfzf.staff');
    await coordinator.goto(`/supervision/lists/${list.id}`);
    await coordinator.getByTestId('list-issue').click();
    await confirmPopover(coordinator);
    await expect.poll(() => coordinator.getByTestId('list-doc-no').textContent(), { timeout: 15_000 }).toMatch(/^兰纪发〔\d{4}〕\d+号/);
    expect(await coordinator.getByTestId('list-issue').count()).toBe(0);
    // Another group's staff cannot see the list at all.
    const other = await newPage(browser);
    await signIn(other, 'fin.group');
    expect((await other.request.get(`/api/v1/supervision/lists/${list.id}`)).status()).toBe(404);
  });
});

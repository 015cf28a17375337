import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmPopover, isoDay, launch, newPage, signIn, skipReason } from './browser';

/* Issue 13, everyday findings on screen: the unit portal's task list and history, overdue units, the menu of an inspection office, the suggested undertaking department, the linkage map's filters. */

const skip = skipReason();

describe.skipIf(Boolean(skip))('everyday screens (issue 13)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the unit liaison's task list names its deadline column, and the history calls the unit's own steps the unit's", async () => {
    const page = await newPage(browser);
    await signIn(page, 'bank.liaison');
    await page.goto('/portal/tasks');
    const table = page.getByTestId('portal-tasks-table');
    await expect.poll(() => table.locator('thead').textContent()).toContain('期限状态');
    const headers = await table.locator('thead th').allTextContents();
    expect(headers.map((h) => h.trim())).not.toContain('时间');
    await table.locator('tbody tr[data-testid^="portal-task-row-"]').first().click();
    await page.waitForURL(/\/portal\/tasks\/[0-9a-f-]+$/);
    // The adoption that created the task was the unit's own step, not a 纪委监委意见.
    const adoption = page.getByTestId('portal-task-update-REVIEW').filter({ hasText: '本单位采纳建议、领受任务' });
    await expect.poll(() => adoption.count()).toBe(1);
    expect(await adoption.textContent()).toContain('本单位 · ');
  });

  it('an inspection office: no matrix in its menu, overdue in 自然日, the suggested department on a clue, a filtered linkage map', async () => {
    const page = await newPage(browser);
    await signIn(page, 'jc1.staff');
    await page.goto('/supervision/my-items');
    await expect.poll(() => page.getByTestId('menu-/supervision/lists').count()).toBe(1);
    expect(await page.getByTestId('menu-/supervision/matrix').count()).toBe(0);
    // Every overdue / days-left figure says its unit.
    await expect.poll(() => page.locator('main').textContent()).toMatch(/(已逾期|剩余) \d+ 个自然日/);
    expect(await page.locator('main').textContent()).not.toMatch(/(已逾期|剩余) \d+ 天/);

    // The department suggested at intake shows on the clue.
    const found = await page.evaluate(async () => {
      const list = (await (await fetch('/api/v1/clues?pageSize=100')).json()) as { items: { id: string }[] };
      for (const c of list.items) {
        const d = (await (await fetch(`/api/v1/clues/${c.id}`)).json()) as { proposedUndertakingOrg: { name: string } | null };
        if (d.proposedUndertakingOrg) return { id: c.id, name: d.proposedUndertakingOrg.name };
      }
      return null;
    });
    expect(found).not.toBeNull();
    await page.goto(`/clues/${found!.id}`);
    await expect.poll(() => page.getByTestId('clue-proposed-undertaking').textContent()).toBe(found!.name);
    expect(await page.getByTestId('clue-info').textContent()).toContain('建议承办部门');

    // The linkage map: a default subset, widened by a kind filter.
    await page.goto('/org/map');
    const shown = page.getByTestId('linkage-shown');
    await expect.poll(() => shown.textContent()).toMatch(/显示 \d+ \/ 共 \d+ 个节点/);
    const count = async () => Number(/显示 (\d+)/.exec((await shown.textContent()) ?? '')?.[1] ?? -1);
    const before = await count();
    const total = Number(/共 (\d+)/.exec((await shown.textContent()) ?? '')?.[1] ?? -1);
    expect(before).toBeLessThan(total);
    await page.getByTestId('linkage-kinds').getByText('驻在单位').first().click();
    await page.getByTestId('linkage-links').getByText('派驻').first().click();
    await expect.poll(count).toBeGreaterThan(before);
  });
  it('the 案管室 sees the department suggested at intake where it proposes the assignment (分办)', async () => {
    const page = await newPage(browser);
    await signIn(page, 'ag.manager1');
    await page.goto('/clues');
    // A clue transferred by the audit office, filed with a suggested undertaking department.
    const created = await page.evaluate(async (receivedOn) => {
      const orgs = (await (await fetch('/api/v1/orgs?q=%E7%AC%AC%E4%B8%89%E7%9B%91%E7%9D%A3%E6%A3%80%E6%9F%A5%E5%AE%A4&pageSize=5')).json()) as {
        items: { id: string; nameZh: string }[];
      };
      const org = orgs.items.find((o) => o.nameZh === '第三监督检查室');
      if (!org) return { error: 'no 第三监督检查室' };
      const res = await fetch('/api/v1/clues', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'liandong' },
        body: JSON.stringify({
          source: 'AUDIT',
          receivedOn,
          title: '审计移交：某局专项资金使用不规范（演示）',
          summary: '审计发现某局专项资金存在超范围列支问题，移交审查。（演示数据）',
          issueTypes: ['INTEGRITY'],
          subjectName: '示例某某',
          cadreManagement: 'SAME_LEVEL_PARTY',
          isSubordinateTopLeader: false,
          realName: false,
          proposedUndertakingOrgId: org.id,
        }),
      });
      const body = (await res.json()) as { id?: string };
      return res.status === 201 || res.status === 200 ? { id: body.id!, name: org.nameZh } : { error: `${res.status} ${JSON.stringify(body)}` };
    }, isoDay());
    expect(created).not.toHaveProperty('error');
    const { id, name } = created as { id: string; name: string };
    await page.goto(`/clues/${id}`);
    await expect.poll(() => page.getByTestId('clue-proposed-undertaking').textContent()).toBe(name);
    await page.getByTestId('clue-action-register').click();
    await confirmPopover(page);
    await page.getByTestId('clue-request-assign').click();
    await expect.poll(() => page.getByTestId('clue-request-suggested').textContent()).toBe(`受理时建议承办部门：${name}`);
  });
});

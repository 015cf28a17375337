import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/** Three counties' findings of one 粮食购销 problem, recorded by the 党风政风监督室 on a 协作区 activity (演示数据). */
const FINDINGS: { unit: string; text: string }[] = [
  { unit: 'LZ-YZ-HU-JYJ', text: '演示数据：榆中县国有粮库以陈顶新、虚增收购数量，套取最低收购价补贴资金' },
  { unit: 'LZ-YD-HU-JYJ', text: '演示数据：永登县国有粮库虚增收购数量、以陈顶新，套取最低收购价补贴资金' },
  { unit: 'LZ-XQ-HU-JYJ', text: '演示数据：兰州新区国有粮库以陈顶新，虚增粮食收购数量套取最低收购价补贴资金' },
];
const TITLE = '演示数据：国有粮库以陈顶新、虚增收购数量套取补贴（三县区共性问题）';

/** Inserts the findings (org: the 党风政风监督室, on the demo's first 协作区 activity) and answers the first unit's name. */
async function seedFindings(): Promise<string> {
  const db = new pg.Client({ connectionString: inject('e2eDatabaseUrl') });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; commission_id: string; user_id: string }>(
      "SELECT o.id, o.commission_id, u.id AS user_id FROM org o JOIN app_user u ON u.org_id = o.id WHERE o.code = 'LZ-JW-DFZF' AND u.username = 'dfzf.staff'",
    );
    const dfzf = rows[0]!;
    const activity = (await db.query<{ id: string }>('SELECT id FROM zone_activity WHERE commission_id = $1 ORDER BY id LIMIT 1', [dfzf.commission_id]))
      .rows[0];
    expect(activity, 'a 协作区 activity in the demo').toBeDefined();
    for (const f of FINDINGS) {
      const inserted = await db.query(
        `INSERT INTO supervision_finding (commission_id, zone_activity_id, org_id, description, disposition, host_unit_id, sector_code, created_by)
         SELECT $1, $2, $3, $4, 'RECOMMENDATION', o.id, 'GRAIN', $5 FROM org o WHERE o.code = $6`,
        [dfzf.commission_id, activity!.id, dfzf.id, f.text, dfzf.user_id, f.unit],
      );
      expect(inserted.rowCount, f.unit).toBe(1);
    }
    return (await db.query<{ name_zh: string }>('SELECT name_zh FROM org WHERE code = $1', [FINDINGS[0]!.unit])).rows[0]!.name_zh;
  } finally {
    await db.end();
  }
}

/**
 * 行业性系统性问题 in the browser (issue 15): the 党风政风监督室 runs the clustering, confirms the cross-county
 * candidate as a problem, confirms it, records the joint analysis, converts it into a recommendation letter to a
 * unit concerned (recommendations prefilled from the analysis), and the letter links back to the problem.
 */
describe.skipIf(Boolean(skip))('问题台账: cluster, confirm, analyse, convert into a letter, linked both ways', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('turns a clustered cross-county problem into a draft letter that shows its source problem', async () => {
    const recipient = await seedFindings();
    const page: Page = await newPage(browser);
    onTestFailed(async () => {
      if (!page.isClosed()) await screenshot(page, 'problems-failure').catch(() => undefined);
    });
    await signIn(page, 'dfzf.staff');

    // 1. the clustering proposes the three findings as one candidate
    await page.goto('/problems/candidates');
    await page.getByTestId('problem-candidates-page').waitFor();
    const card = page.locator('[data-testid^="candidate-"]', { hasText: '榆中县国有粮库' }).first();
    await card.waitFor({ timeout: 30_000 });
    expect((await card.textContent()) ?? '').toContain('永登县国有粮库');
    await card.locator('[data-testid^="candidate-confirm-"]').click();
    await page.getByTestId('candidate-title').fill(TITLE);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/problems\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const problemUrl = new URL(page.url()).pathname;
    await expect.poll(async () => (await page.getByTestId('problem-evidence').textContent()) ?? '').toContain('兰州新区国有粮库');

    // 2. confirmed as a problem
    await page.getByTestId('problem-confirm').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(async () => (await page.getByTestId('problem-state').textContent()) ?? '', { timeout: 15_000 }).toContain('已确认');

    // 3. the joint analysis: causes, and the lines beginning with 建议 as the recommendations
    await page.getByTestId('problem-analysis-edit').click();
    await page
      .getByTestId('problem-analysis-text')
      .fill('粮库收购台账与实物核查脱节，以陈顶新难以发现\n建议：开展国有粮库库存数量和质量全面清查\n建议建立收购资金闭环监管机制');
    await page.getByTestId('problem-analysis-save').click();
    // saved: the form closes (the textarea's own text would match before the save is done)
    await page.getByTestId('problem-analysis-save').waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(async () => (await page.getByTestId('problem-analysis').textContent()) ?? '', { timeout: 15_000 }).toContain('收购资金闭环监管');

    // 4. converted into a draft recommendation letter to a unit concerned
    await page.getByTestId('problem-to-letter').click();
    expect(await page.getByTestId('problem-to-letter-items').inputValue()).toBe('开展国有粮库库存数量和质量全面清查\n建立收购资金闭环监管机制');
    await pick(page, 'problem-to-letter-recipient', recipient, true);
    await page.getByTestId('problem-to-letter-ok').click();
    await page.waitForURL(/\/letters\/[0-9a-f-]{36}$/, { timeout: 20_000 });

    // 5. the letter shows its source problem, and the problem its letter
    const source = page.getByTestId('source-problems');
    await source.waitFor({ timeout: 20_000 });
    expect((await source.textContent()) ?? '').toContain(TITLE);
    await screenshot(page, 'problems-letter');
    await source.getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === problemUrl, { timeout: 20_000 });
    await expect.poll(async () => (await page.getByTestId('problem-state').textContent()) ?? '', { timeout: 15_000 }).toContain('已转化');
    await page.getByTestId('problem-conversion-letter').waitFor({ timeout: 15_000 });
    expect((await page.getByTestId('problem-conversion-letter').textContent()) ?? '').toContain('建议书');
    // a converted problem offers no further conversion
    expect(await page.getByTestId('problem-to-letter').count()).toBe(0);
    expect(await page.getByTestId('problem-to-campaign').count()).toBe(0);
  });

  it('the 党风政风监督室 converts a confirmed problem into a campaign whose page shows 来源问题', async () => {
    const page: Page = await newPage(browser);
    onTestFailed(async () => {
      if (!page.isClosed()) await screenshot(page, 'problems-campaign-failure').catch(() => undefined);
    });
    await signIn(page, 'dfzf.staff');
    // the problem as the register records it (a problem is proposed by the clustering or recorded over the API)
    const title = '演示数据：粮食购销领域虚假收购、转圈粮（全市专项治理）';
    const created = await page.request.post('/api/v1/problems', {
      headers: { 'x-requested-with': 'liandong' },
      data: { title, description: '演示数据：多个县区粮库存在虚假收购、转圈粮问题', sector: 'GRAIN', type: 'SECTORAL' },
    });
    expect(created.status(), await created.text()).toBe(200);
    const problemId = (await created.json()).id as string;

    // confirmed on its page, then converted into a campaign: the name comes prefilled from the title
    await page.goto(`/problems/${problemId}`);
    await page.getByTestId('problem-confirm').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(async () => (await page.getByTestId('problem-state').textContent()) ?? '', { timeout: 15_000 }).toContain('已确认');
    await page.getByTestId('problem-to-campaign').click();
    const name = page.getByTestId('problem-to-campaign-name');
    await name.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await name.inputValue()).toBe(`${title}专项整治`);
    await page.getByTestId('problem-to-campaign-ok').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 20_000 });

    // the campaign page (its 概况 tab) shows 来源问题, linking back to the problem, now 已转化 with its campaign
    await page.getByRole('tab', { name: '概况' }).click();
    const source = page.getByTestId('source-problems');
    await source.waitFor({ timeout: 20_000 });
    expect((await source.textContent()) ?? '').toContain(title);
    expect((await page.locator('.ant-descriptions-row', { has: source }).textContent()) ?? '').toContain('来源问题');
    await screenshot(page, 'problems-campaign');
    await source.getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === `/problems/${problemId}`, { timeout: 20_000 });
    await expect.poll(async () => (await page.getByTestId('problem-state').textContent()) ?? '', { timeout: 15_000 }).toContain('已转化');
    await page.getByTestId('problem-conversion-campaign').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('problem-to-campaign').count()).toBe(0);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/** Demo cases (server/src/demo/clues-data.ts): the finance case (decided) and a case now in trial. */
const FINANCE_SUBJECT = '樊某某';
const IN_TRIAL_SUBJECT = '申某某';
const GRAIN_CLUE_TITLE = '示例国有粮食储备库主任聂某某涉嫌关联交易问题';

interface Listed {
  id: string;
  title: string;
  subjectName: string;
  state: string;
  leadOrgName: string;
}

async function findCase(page: Page, subject: string): Promise<Listed> {
  const res = await page.request.get(`/api/v1/cases?q=${encodeURIComponent(subject)}&pageSize=20`);
  expect(res.status(), await res.text()).toBe(200);
  const found = ((await res.json()).items as Listed[]).find((c) => c.subjectName === subject);
  expect(found, `demo case of ${subject}`).toBeTruthy();
  return found!;
}

describe.skipIf(Boolean(skip))('cases: the trial view, 审查调查与审理分离, the dashboard and full-text search in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the 案件审理室 opens the finance case from the trial view and sees its trial team and 四种形态', async () => {
    const trial = await newPage(browser);
    await signIn(trial, 'sl.staff1');
    await trial.goto('/cases/trial');
    await trial.getByTestId('trial-table').waitFor({ state: 'visible' });
    // In trial: the case this officer may now work on.
    await expect.poll(() => trial.getByTestId('trial-table').textContent()).toContain(IN_TRIAL_SUBJECT);
    await screenshot(trial, 'case-trial-list');

    // The finance case, led by 第十审查调查室 with the finance-sector group, is decided.
    await trial.getByTestId('trial-tab-DECIDED').click();
    await expect.poll(() => trial.getByTestId('trial-table').textContent()).toContain(FINANCE_SUBJECT);
    const finance = await findCase(trial, FINANCE_SUBJECT);
    expect(finance.leadOrgName).toContain('第十审查调查室');
    await trial.getByTestId(`case-link-${finance.id}`).click();
    await trial.waitForURL((u) => u.pathname === `/cases/${finance.id}`);
    await expect.poll(() => trial.getByTestId('case-title').textContent()).toContain(FINANCE_SUBJECT);
    await expect.poll(() => trial.getByTestId('case-state').getAttribute('data-state')).toBe(finance.state);
    await expect.poll(() => trial.getByTestId('case-outcomes').textContent()).toContain('第三种形态');
    // 追缴/挽回资金 fixed by the decision, with thousands separators
    await expect.poll(() => trial.getByTestId('case-funds-recovered-value').textContent()).toBe('1,286,500.00');

    await trial.getByTestId('case-tab-trial').click();
    const trialTeam = trial.getByTestId('team-table-trial');
    await expect.poll(() => trialTeam.textContent()).toContain('案件审理室');
    await expect.poll(() => trial.getByTestId('case-text-trialReport').textContent()).toContain('审理认为');
    await screenshot(trial, 'case-finance-trial-tab');

    await trial.getByTestId('case-tab-investigation').click();
    const invTeam = trial.getByTestId('team-table-investigation');
    await expect.poll(() => invTeam.textContent()).toContain('第十审查调查室');
    await expect.poll(() => invTeam.textContent()).toContain('金融');
  });

  it('putting an investigator on the trial team is refused with the server’s 422 message', async () => {
    const manager = await newPage(browser);
    await signIn(manager, 'ag.manager1');
    const target = await findCase(manager, IN_TRIAL_SUBJECT);
    const detail = await (await manager.request.get(`/api/v1/cases/${target.id}`)).json();
    expect(detail.abilities.manageTrialTeam).toBe(true);
    const members = detail.teams.investigation as { user: { id: string; name: string }; org: { name: string } }[];
    expect(members.length).toBeGreaterThan(0);
    const investigator = members[0]!;

    await manager.goto(`/cases/${target.id}?tab=trial`);
    await manager.getByTestId('team-add-trial').click();
    // Offered under 本案办案人员 with a note: the server, not the picker, enforces the separation. The options
    // re-render as the candidate search answers, so the pick is checked (and retried) until the select shows it.
    expect(await pick(manager, 'team-add-user', investigator.user.name, true)).toContain('曾在审查调查组');
    await manager.getByTestId('team-add-confirm').click();
    const error = manager.getByTestId('team-add-error');
    await error.waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toContain(investigator.user.name);
    expect(text).toContain('审查调查与审理分离');
    await screenshot(manager, 'case-trial-team-conflict');

    // The same refusal straight from the API: 422 TRIAL_TEAM_CONFLICT, and the team is unchanged.
    const res = await manager.request.post(`/api/v1/cases/${target.id}/team`, {
      data: { team: 'TRIAL', userId: investigator.user.id, role: 'MEMBER' },
      headers: { 'x-requested-with': 'liandong' },
    });
    expect(res.status()).toBe(422);
    expect((await res.json()).code).toBe('TRIAL_TEAM_CONFLICT');
    // The lead department itself does not form the trial team.
    const lead = await newPage(browser);
    await signIn(lead, 'sc10.staff');
    const finance = await findCase(lead, FINANCE_SUBJECT);
    const leadDetail = await (await lead.request.get(`/api/v1/cases/${finance.id}`)).json();
    expect(leadDetail.abilities.manageTrialTeam).toBe(false);
  });

  it('the dashboard shows the 四种形态 counts and search finds the grain clue by a Chinese word', async () => {
    const manager = await newPage(browser);
    await signIn(manager, 'ag.manager1');
    await manager.goto('/casework/dashboard?year=2026');
    const third = manager.getByTestId('four-form-count-THIRD');
    await third.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(async () => Number(await third.getAttribute('data-count'))).toBeGreaterThan(0);
    await manager.getByTestId('chart-four-forms').waitFor({ state: 'visible' });
    // 追责问责 counted on the dashboard: the demo's 通报 and 诫勉 of two leaders.
    const acc = manager.getByTestId('dashboard-accountability');
    await acc.waitFor({ state: 'visible' });
    await expect.poll(() => acc.textContent()).toContain('诫勉');
    await screenshot(manager, 'case-dashboard');

    await manager.goto('/casework/search');
    const box = manager.locator('input[data-testid="search-input"], [data-testid="search-input"] input').first();
    await box.fill('储备');
    await box.press('Enter');
    const results = manager.getByTestId('search-results');
    await expect.poll(() => results.textContent(), { timeout: 20_000 }).toContain(GRAIN_CLUE_TITLE);
    await expect.poll(() => manager.locator('mark.ld-search-mark').first().textContent()).toContain('储备');
    await screenshot(manager, 'case-search');

    // Only clues: the hit links to the clue page.
    await manager.getByTestId('search-kind').getByText('问题线索').click();
    await expect.poll(() => manager.url()).toContain('kind=clue');
    const hit = manager.locator('[data-kind="clue"]', { hasText: GRAIN_CLUE_TITLE }).first();
    await hit.waitFor({ state: 'visible' });
    expect(await hit.getByTestId('search-hit-link').getAttribute('href')).toMatch(/^\/clues\/[0-9a-f-]{36}$/);

    // An account outside the clue's scope does not find it.
    const other = await newPage(browser);
    await signIn(other, 'edu.group');
    const res = await other.request.get(`/api/v1/casework/search?q=${encodeURIComponent('储备')}`);
    expect(res.status()).toBe(200);
    expect(((await res.json()).items as { title: string }[]).map((h) => h.title)).not.toContain(GRAIN_CLUE_TITLE);
  });
  it('the ledger filters by stage, and any staff member files an interference record the 干部监督室 then reads', async () => {
    const manager = await newPage(browser);
    await signIn(manager, 'ag.manager1');
    await manager.goto('/cases?stage=TRIAL');
    const table = manager.getByTestId('cases-table');
    await expect.poll(() => table.textContent()).toContain(IN_TRIAL_SUBJECT);
    expect(await table.textContent()).not.toContain(FINANCE_SUBJECT);
    await screenshot(manager, 'case-ledger');

    const staff = await newPage(browser);
    await signIn(staff, 'jc3.staff');
    await staff.goto('/cases/interference');
    await staff.getByTestId('interference-scope').waitFor({ state: 'visible' });
    await staff.getByTestId('interference-new').click();
    // The pick is checked until the select shows it: a click lost in the dropdown's animation left the required
    // kind empty and the form unsent.
    await pick(staff, 'interference-kind', '说情');
    await staff.getByTestId('interference-name').fill('演示人员甲');
    await staff.getByTestId('interference-unit').fill('某区某局（演示数据）');
    await staff.getByTestId('interference-content').fill('来电为某案当事人说情，请求从轻处理，已当场拒绝。（演示数据）');
    await staff.getByTestId('interference-submit').click();
    await expect.poll(() => staff.getByTestId('interference-table').textContent()).toContain('演示人员甲');

    const cadre = await newPage(browser);
    await signIn(cadre, 'gbjd.staff');
    await cadre.goto('/cases/interference');
    await expect.poll(() => cadre.getByTestId('interference-scope').textContent()).toContain('全部');
    await expect.poll(() => cadre.getByTestId('interference-table').textContent()).toContain('演示人员甲');
    await screenshot(cadre, 'case-interference');
  });
});

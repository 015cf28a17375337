import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { confirmDialog, confirmPopover, fillDate, isoDay, launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 专项整治 in the browser (issue 10): the 党风政风监督室 director registers a campaign, the 书记 approves the plan,
 * the director launches it, forms the 双组长 专班 and moves to 自查自纠; a county education bureau's contact
 * answers an aspect in the portal and the matrix light turns to 待审核; in 抽查检查 a joint spot check the
 * director planned is approved by the 书记 (四眼: never by its planner), done, and its finding handed over to
 * a clue tagged with the campaign; the cockpit drafts the period's bulletin, the 书记 signs it (签发) and it
 * is numbered 兰纪通〔年〕N号.
 */
const DIRECTOR = 'dfzf.director';
const SECRETARY = 'sj.secretary';
const LIAISON = 'yzjyj.liaison';
const UNIT = '榆中县教育局';
const RUN = Date.now().toString(36);
const NAME = `校园餐食材采购专项整治（演示 ${RUN}）`;
const HEADERS = { 'x-requested-with': 'liandong' };

async function campaignState(page: Page): Promise<string | null> {
  return page.getByTestId('campaign-state').getAttribute('data-state');
}

/** Runs a campaign action button confirmed by a Popconfirm and waits for the new state. */
async function campaignAction(page: Page, action: string, expected: string) {
  await page.getByTestId(`campaign-action-${action}`).click();
  await confirmPopover(page);
  await expect.poll(() => campaignState(page)).toBe(expected);
}

/** A JSON call from the signed-in page (setup only: the steps that are the point run through the screens). */
async function api<T>(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(url, { method, headers: HEADERS, ...(data === undefined ? {} : { data }) });
  expect([200, 201], `${method} ${url}: ${(await res.text()).slice(0, 300)}`).toContain(res.status());
  return (await res.json()) as T;
}

async function staffOf(page: Page, username: string): Promise<{ id: string; name: string }> {
  const list = await api<{ items: { id: string; name: string; username: string }[] }>(
    page,
    'GET',
    `/api/v1/task-forces/candidates?q=${encodeURIComponent(username)}`,
  );
  const found = list.items.find((u) => u.username === username);
  expect(found, `candidate ${username}`).toBeTruthy();
  return found!;
}
const userIdOf = async (page: Page, username: string) => (await staffOf(page, username)).id;

async function orgIdOf(page: Page, name: string): Promise<string> {
  const list = await api<{ items: { id: string; nameZh: string }[] }>(page, 'GET', `/api/v1/orgs?q=${encodeURIComponent(name)}&pageSize=50`);
  const found = list.items.find((o) => o.nameZh === name);
  expect(found, `org ${name}`).toBeTruthy();
  return found!.id;
}

describe.skipIf(Boolean(skip))('专项整治: from the launch through a self-inspection answer and a spot-check clue to an issued bulletin', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers, approves, launches; the unit answers; a spot-check finding becomes a clue; the 书记 signs the numbered bulletin', async () => {
    const opened: Page[] = [];
    const open = async (user: string) => {
      const page = await newPage(browser);
      opened.push(page);
      await signIn(page, user);
      return page;
    };
    onTestFailed(async () => {
      for (const [i, page] of opened.entries()) if (!page.isClosed()) await screenshot(page, `campaign-failure-${i}`).catch(() => undefined);
    });

    // 1. The director registers the campaign: it is PLANNED, led by his office, with no approval yet.
    const director = await open(DIRECTOR);
    await director.goto('/campaigns/new');
    // The dates first: Enter in a date field submits the form once the name is there.
    await fillDate(director, 'campaign-form-starts', isoDay(0));
    await fillDate(director, 'campaign-form-ends', isoDay(180));
    await director.getByTestId('campaign-name').fill(NAME);
    await pick(director, 'campaign-form-domain', '校园餐');
    await director.getByTestId('campaign-form-goal').fill('聚焦食材采购、膳食经费管理中的突出问题，推动建章立制。（演示数据）');
    await director.getByTestId('campaign-form-plan').fill('一、动员部署；二、自查自纠；三、抽查检查；四、集中整治；五、巩固提升。（演示数据）');
    await director.getByTestId('campaign-save').click();
    await director.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const campaignId = new URL(director.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => director.getByTestId('campaign-title').textContent()).toBe(NAME);
    await expect.poll(() => campaignState(director)).toBe('PLANNED');
    expect(await director.getByTestId('campaign-action-launch').count()).toBe(0);

    // Setup over the API: the dispatched education group joins with its 分工 (before the plan is approved).
    const eduGroup = await orgIdOf(director, '驻市教育局纪检监察组');
    const detail = await api<{ version: number }>(director, 'GET', `/api/v1/campaigns/${campaignId}`);
    await api(director, 'PUT', `/api/v1/campaigns/${campaignId}/participants/${eduGroup}`, {
      version: detail.version,
      kind: 'GROUP',
      division: '督促市教育局开展自查自纠，参与联合抽查。',
    });
    await director.goto(`/campaigns/${campaignId}?tab=participants`);
    await expect.poll(() => director.getByTestId(`campaign-participant-${eduGroup}`).textContent()).toContain('驻市教育局纪检监察组');
    await screenshot(director, 'campaign-registered');

    // 2. The 书记 approves the plan in the browser.
    const secretary = await open(SECRETARY);
    await secretary.goto(`/campaigns/${campaignId}?tab=overview`);
    await secretary.getByTestId('campaign-action-approvePlan').click();
    await confirmDialog(secretary.getByTestId('campaign-approve-ok'));
    await expect.poll(() => secretary.getByTestId('campaign-approval').textContent()).toContain('书记审批');
    expect(await campaignState(secretary)).toBe('PLANNED');

    // 3. The director launches it, forms the 专班 with its two co-leaders (双组长) and a member, and moves on.
    await director.goto(`/campaigns/${campaignId}?tab=overview`);
    await campaignAction(director, 'launch', 'LAUNCHED');
    await expect.poll(() => director.getByTestId('campaign-approval').textContent()).toContain('书记审批');
    const me = await staffOf(director, DIRECTOR);
    const coLeader = await staffOf(director, 'edu.group');
    const member = await staffOf(director, 'edu.staff');
    await director.goto(`/campaigns/${campaignId}?tab=taskForce`);
    await director.getByTestId('tf-form').click();
    await pick(director, 'tf-leader-0', me.name, DIRECTOR);
    await pick(director, 'tf-leader-1', coLeader.name, 'edu.group');
    await confirmDialog(director.getByTestId('tf-save'));
    await expect.poll(() => director.getByTestId('tf-panel').textContent()).toContain(coLeader.name);
    expect(await director.getByTestId('tf-panel').textContent()).toContain(me.name);
    await director.getByTestId('tf-add-member').click();
    await pick(director, 'tf-member-user', member.name, 'edu.staff');
    await confirmDialog(director.getByTestId('tf-member-save'));
    await expect.poll(() => director.getByTestId('tf-members').textContent()).toContain(member.name);
    await screenshot(director, 'campaign-task-force');
    // Forming the 专班 refreshes the campaign's actions on the same page: 转入自查自纠 appears without a reload.
    await campaignAction(director, 'startSelfInspection', 'SELF_INSPECTION');
    await screenshot(director, 'campaign-self-inspection');

    // 4. The checklist, the target unit and the round (setup over the API), sent to 榆中县教育局.
    await api(director, 'PUT', `/api/v1/campaigns/${campaignId}/self-inspection/template`, {
      title: `${NAME}自查清单`,
      aspects: [
        { code: 'PURCHASE', title: '食材采购与验收', guidance: '食材采购是否公开招标，验收是否双人签字。' },
        { code: 'FUNDS', title: '膳食经费', guidance: '膳食经费是否专账核算、公示收支。' },
      ],
    });
    const unitId = await orgIdOf(director, UNIT);
    await api(director, 'POST', `/api/v1/campaigns/${campaignId}/self-inspection/units`, { orgIds: [unitId] });
    const round = await api<{ id: string }>(director, 'POST', `/api/v1/campaigns/${campaignId}/self-inspection/rounds`, {
      title: '第一批自查',
      dueOn: isoDay(14),
    });

    // 5. The bureau's contact answers one aspect in the portal and submits it.
    const liaison = await open(LIAISON);
    await liaison.goto('/portal/self-inspection');
    await expect.poll(() => liaison.getByTestId('portal-self-inspection-page').textContent()).toContain(NAME);
    await liaison.goto(`/portal/self-inspection/${round.id}`);
    const aspect = liaison.getByTestId('portal-aspect-PURCHASE');
    await aspect.waitFor({ state: 'visible', timeout: 20_000 });
    await aspect.getByTestId('portal-aspect-problems-count').fill('3');
    await aspect.getByTestId('portal-aspect-corrected-count').fill('2');
    await aspect.getByTestId('portal-aspect-problems-text').fill('3所学校食材验收无双人签字记录。（演示数据）');
    await aspect.getByTestId('portal-aspect-corrected-text').fill('2所学校已补建验收台账。（演示数据）');
    await aspect.getByTestId('portal-aspect-plan').fill('一个月内完成全部学校验收制度整改。（演示数据）');
    await aspect.getByTestId('portal-aspect-save').click();
    const saved = liaison.getByTestId('portal-aspect-PURCHASE');
    await expect.poll(() => saved.getByTestId('portal-aspect-submit').isEnabled()).toBe(true);
    await saved.getByTestId('portal-aspect-submit').click();
    // The aspect's light turns to 待审核 (blue) and the answer is read-only now.
    await expect.poll(() => liaison.getByTestId('portal-aspect-PURCHASE').getByTestId('self-light-BLUE').count()).toBeGreaterThan(0);
    expect(await liaison.getByTestId('portal-aspect-PURCHASE').getByTestId('self-light-YELLOW').count()).toBe(0);
    expect(await liaison.getByTestId('portal-aspect-PURCHASE').getByTestId('portal-aspect-submit').count()).toBe(0);
    await screenshot(liaison, 'campaign-portal-answered');

    // 6. The director sees the bureau's PURCHASE light turn to 待审核 in the matrix; FUNDS still 未开始.
    await director.goto(`/campaigns/${campaignId}?tab=selfInspection`);
    const row = director.getByTestId(`self-matrix-row-${unitId}`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => row.getByTestId('self-light-BLUE').count()).toBe(1);
    expect(await row.getByTestId('self-light-GREY').count()).toBe(1);
    await row.click();
    await expect.poll(() => director.getByTestId('self-answer-PURCHASE').textContent()).toContain('食材验收无双人签字');
    await screenshot(director, 'campaign-matrix');
    await director.keyboard.press('Escape');

    // 7. 抽查检查: a joint spot check dated today (planned over the API), approved by the 书记, done, a finding handed over to a clue.
    await director.goto(`/campaigns/${campaignId}?tab=overview`);
    await campaignAction(director, 'startChecking', 'CHECKING');
    const checkTitle = `榆中县教育局食材采购联合抽查（${RUN}）`;
    const check = await api<{ id: string }>(director, 'POST', `/api/v1/campaigns/${campaignId}/inspections`, {
      type: 'JOINT_SPOT_CHECK',
      title: checkTitle,
      visitOn: isoDay(0),
      team: [
        { userId: await userIdOf(director, DIRECTOR), role: 'LEADER' },
        { userId: await userIdOf(director, 'edu.staff'), role: 'MEMBER' },
      ],
      targetOrgIds: [unitId],
    });
    // 四眼: the director planned the check and leads its team, so the 书记 approves it, not he.
    await secretary.goto(`/campaigns/${campaignId}?tab=inspections`);
    await secretary.getByTestId(`inspection-row-${check.id}`).click();
    const approval = secretary.getByTestId('inspection-detail');
    await approval.waitFor({ state: 'visible', timeout: 20_000 });
    await secretary.getByTestId('inspection-approve').click();
    await secretary.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => approval.textContent()).toContain('已审批');
    await director.goto(`/campaigns/${campaignId}?tab=inspections`);
    await director.getByTestId(`inspection-row-${check.id}`).click();
    const drawer = director.getByTestId('inspection-detail');
    await drawer.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => drawer.textContent()).toContain('已审批');
    expect(await director.getByTestId('inspection-approve').count()).toBe(0);
    await director.getByTestId('inspection-complete').click();
    await director.getByTestId('inspection-action-text').fill('抽查3所学校食堂，发现食材采购未按规定公开比选。（演示数据）');
    await confirmDialog(director.getByTestId('inspection-action-ok'));
    await expect.poll(() => drawer.textContent()).toContain('已完成');
    await expect.poll(() => director.getByTestId('finding-form').isVisible()).toBe(true);
    await director.getByTestId('finding-description').fill('示例学校食堂食材采购未公开比选，供应商与后勤负责人存在亲属关系。（演示数据）');
    await director.getByTestId('finding-add').click();
    const finding = director.getByTestId('finding-card').first();
    await expect.poll(() => finding.textContent()).toContain('未公开比选');
    await finding.getByTestId('handover-clue').click();
    await director.getByTestId('handover-subject').fill('某学校后勤负责人');
    await director.getByTestId('handover-title').fill(`示例学校食材采购利益输送问题线索（${RUN}）`);
    await director.getByTestId('handover-ok').click();
    const link = director.getByTestId('finding-handed-over-link');
    await link.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await finding.textContent()).toContain('已移交问题线索');
    await screenshot(director, 'campaign-finding-handed-over');
    await link.click();
    await director.waitForURL(/\/clues\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect.poll(() => director.getByTestId('clue-info').textContent()).toContain(NAME);
    await expect.poll(() => director.getByTestId('clue-info').textContent()).toContain('监督检查中发现');
    await screenshot(director, 'campaign-clue');

    // 8. The cockpit drafts this period's bulletin from the data; unsigned and unnumbered.
    await director.goto(`/campaigns/${campaignId}?tab=cockpit`);
    const drafted = director.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/campaigns/${campaignId}/bulletins/draft`));
    await director.getByTestId('cockpit-draft-bulletin').click();
    const draftRes = await drafted;
    expect(draftRes.status()).toBe(200);
    const { bulletinId, created } = (await draftRes.json()) as { bulletinId: string; created: boolean };
    expect(created).toBe(true);
    await director.keyboard.press('Escape');
    const bulletins = director.getByTestId('campaign-bulletins-table');
    await expect.poll(() => bulletins.textContent()).toContain('待签发');
    await screenshot(director, 'campaign-cockpit-draft');

    // 9. The 书记 signs it (签发) and issues it: the number 兰纪通〔年〕N号 is allocated.
    // From the campaign's cockpit to the bulletins page filtered by the campaign (?campaignId=, shown as a tag).
    await secretary.goto(`/campaigns/${campaignId}?tab=cockpit`);
    await secretary.getByTestId('cockpit-open-bulletins').click();
    await secretary.waitForURL((u) => u.pathname === '/bulletins' && u.searchParams.get('campaignId') === campaignId, { timeout: 20_000 });
    await expect.poll(() => secretary.getByTestId('bulletins-campaign-tag').textContent()).toContain(NAME);
    await secretary.getByTestId(`bulletin-row-${bulletinId}`).click();
    await expect.poll(() => secretary.getByTestId('bulletin-doc-no').textContent()).toBe('未印发');
    // Built from the campaign's data: its name, and the clue handed over from the spot check counted.
    const body = secretary.getByTestId('bulletin-detail');
    await expect.poll(() => body.textContent()).toContain(`${NAME}开展以来`);
    expect(await body.textContent()).toContain('专项整治累计排查问题线索1件');
    expect(await secretary.getByTestId('bulletin-signed-by').textContent()).toContain('未签发');
    await secretary.getByTestId('bulletin-sign').click();
    await confirmPopover(secretary);
    await expect.poll(() => secretary.getByTestId('bulletin-signed-by').textContent()).toContain('·');
    await secretary.getByTestId('bulletin-issue').click();
    await confirmPopover(secretary);
    await expect.poll(() => secretary.getByTestId('bulletin-doc-no').textContent()).toMatch(/^兰纪通〔\d{4}〕\d+号$/);
    const docNo = (await secretary.getByTestId('bulletin-doc-no').textContent()) ?? '';
    await screenshot(secretary, 'campaign-bulletin-issued');

    // The director's cockpit lists the issued number.
    await director.reload();
    await expect.poll(() => director.getByTestId('campaign-bulletins-table').textContent()).toContain(docNo);

    // 10. 建章立制: the director records a rule with its text on the campaign's own tab; the file is listed with it.
    await director.goto(`/campaigns/${campaignId}?tab=rules`);
    await director.getByTestId('campaign-rule-add').click();
    await pick(director, 'campaign-rule-unit', '党风政风监督室', '党风政风');
    const ruleTitle = `学校食堂食材验收管理办法（${RUN}）`;
    await director.getByTestId('campaign-rule-title').fill(ruleTitle);
    await fillDate(director, 'campaign-rule-date', isoDay(0));
    await director.locator('.ant-modal input[type=file]').setInputFiles({
      name: '食材验收管理办法.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n%%EOF\n'),
    });
    const recorded = director.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/campaigns/${campaignId}/rules`));
    await director.getByTestId('campaign-rule-save').click();
    expect((await recorded).status()).toBe(200);
    const rules = director.getByTestId('campaign-rules-table');
    await expect.poll(() => rules.textContent()).toContain(ruleTitle);
    expect(await rules.textContent()).toContain('食材验收管理办法.pdf');
    await screenshot(director, 'campaign-rules');
  }, 420_000);
});

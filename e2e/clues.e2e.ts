import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { confirmPopover, launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * The undertaking department and its 分管领导: 第四监督检查室 is overseen by cw2.member (demo 分管). The
 * journey does not use cw1.member, whom supervision-approval.e2e.ts enrols in TOTP on the same server.
 */
const UNDERTAKING = '第四监督检查室';
const UNDERTAKING_STAFF = 'jc4.staff';
const OVERSEER = 'cw2.member';
const COMPLAINANT = '演示举报人韦青禾';
const TITLE = `反映示例市某局科长违规收受礼金问题（演示数据 ${Date.now().toString(36)}）`;

async function stateOf(page: Page): Promise<string | null> {
  return page.getByTestId('clue-state').getAttribute('data-state');
}

describe.skipIf(Boolean(skip))('clues: 受理 → 登记编号 → 分办 → 承办 → 谈话函询 in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the 信访室 files a real-name petition; the 案管室 registers and assigns it; the 书记 approves; the undertaking department proposes 谈话函询 and its 分管领导 approves', async () => {
    const opened: Page[] = [];
    const open = async (user: string) => {
      const page = await newPage(browser);
      opened.push(page);
      await signIn(page, user);
      return page;
    };
    // On failure, keep what each still-open page showed.
    onTestFailed(async () => {
      for (const [i, page] of opened.entries()) if (!page.isClosed()) await screenshot(page, `clue-failure-${i}`).catch(() => undefined);
    });
    // 1. 信访室: the intake form with the real-name complainant (sealed; only the 信访室 reads it back).
    const petition = await open('xf.officer1');
    await petition.goto('/clues/new');
    await petition.getByTestId('clue-real-name').click();
    await petition.getByTestId('clue-complainant-name').fill(COMPLAINANT);
    await petition.getByTestId('clue-complainant-phone').fill('0931-0000000');
    await petition.getByTestId('clue-title').fill(TITLE);
    await petition.getByTestId('clue-summary').fill('来信反映该科长在项目验收中收受服务商礼金，并安排亲属承接业务。（演示数据）');
    await pick(petition, 'clue-issue-types', '违反廉洁纪律');
    await petition.keyboard.press('Escape');
    await petition.getByTestId('clue-subject-name').fill('示例某某');
    await petition.getByTestId('clue-subject-position').fill('科长');
    await petition.mouse.wheel(0, -5000);
    await screenshot(petition, 'clue-intake-form');
    await petition.getByTestId('clue-intake-submit').click();
    await petition.waitForURL(/\/clues\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const clueId = new URL(petition.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => stateOf(petition)).toBe('RECEIVED');
    await petition.getByTestId('clue-complainant-show').click();
    await expect.poll(() => petition.getByTestId('clue-complainant-name').textContent()).toBe(COMPLAINANT);
    await screenshot(petition, 'clue-received-complainant');
    await petition.context().close();

    // 2. 案管室: 登记编号 (兰纪线〔年〕N号), then 分办 to the undertaking department (needs the 书记).
    const manager = await open('ag.manager1');
    await manager.goto(`/clues/${clueId}`);
    await manager.getByTestId('clue-action-register').click();
    await confirmPopover(manager);
    await expect.poll(() => stateOf(manager)).toBe('REGISTERED');
    await expect.poll(() => manager.getByTestId('clue-no').textContent()).toMatch(/^兰纪线〔\d{4}〕\d+号$/);
    await manager.getByTestId('clue-request-assign').click();
    await pick(manager, 'clue-request-org', UNDERTAKING, true);
    await manager.getByTestId('clue-request-rationale').fill('反映问题具体，属第四监督检查室联系范围，建议由其承办。');
    await manager.getByTestId('clue-request-submit').click();
    await manager.getByTestId('clue-tab-approvals').click();
    await expect.poll(() => manager.getByTestId('clue-requests').textContent()).toContain('审批中');
    // The 案管室 never sees the complainant: not on the page, not in the detail, 404 on the sealed route.
    expect(await manager.locator('body').textContent()).not.toContain(COMPLAINANT);
    expect(await (await manager.request.get(`/api/v1/clues/${clueId}`)).text()).not.toContain(COMPLAINANT);
    expect((await manager.request.get(`/api/v1/clues/${clueId}/complainant`)).status()).toBe(404);
    await screenshot(manager, 'clue-registered-assign-requested');
    // The ledger lists it (newest first) without any complainant field; the due board loads.
    await manager.goto('/clues');
    await expect.poll(() => manager.getByTestId('clue-ledger-table').textContent()).toContain(TITLE);
    expect(await manager.getByTestId('clue-ledger-table').textContent()).not.toContain(COMPLAINANT);
    await screenshot(manager, 'clue-ledger');
    await manager.goto('/clues/overdue');
    await manager.getByTestId('clue-overdue-cards').waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(manager, 'clue-overdue');
    await manager.context().close();

    // 3. 书记 (TOTP on first sign-in): approves the 分办 from 待我审批.
    const secretary = await open('sj.secretary');
    const inbox = await (await secretary.request.get('/api/v1/clue-requests?mine=true&pageSize=100')).json();
    const assign = (inbox.items as { id: string; clueId: string; action: string }[]).find((r) => r.clueId === clueId && r.action === 'assign');
    expect(assign, 'the 分办 request in the 书记’s inbox').toBeTruthy();
    await secretary.goto('/clues/approvals');
    await secretary.getByTestId(`clue-approve-${assign?.id}`).click();
    await secretary.getByTestId('clue-decision-comment').fill('同意分办。');
    await secretary.getByTestId('clue-decision-submit').click();
    await expect.poll(() => secretary.getByTestId(`clue-approve-${assign?.id}`).count()).toBe(0);
    await screenshot(secretary, 'clue-approvals-inbox');
    await secretary.goto(`/clues/${clueId}`);
    await expect.poll(() => stateOf(secretary)).toBe('ASSIGNED');
    await secretary.context().close();

    // 4. The undertaking department accepts, proposes 谈话函询 and asks for its approval.
    const staff = await open(UNDERTAKING_STAFF);
    await staff.goto(`/clues/${clueId}`);
    await staff.getByTestId('clue-action-accept').click();
    await confirmPopover(staff);
    await expect.poll(() => stateOf(staff)).toBe('UNDER_ANALYSIS');
    await staff.getByTestId('clue-action-propose').click();
    await pick(staff, 'clue-propose-method', '谈话函询');
    await staff.getByTestId('clue-propose-rationale').fill('反映问题较为笼统，拟先采取谈话方式了解核实。');
    await staff.getByTestId('clue-propose-submit').click();
    await expect.poll(() => stateOf(staff)).toBe('DISPOSITION_PROPOSED');
    await staff.getByTestId('clue-request-approveTalkInquiry').click();
    await staff.getByTestId('clue-request-rationale').fill('经集体研判，建议对其进行谈话。');
    await staff.getByTestId('clue-request-submit').click();
    await staff.getByTestId('clue-tab-approvals').click();
    await expect.poll(() => staff.getByTestId('clue-requests').textContent()).toContain('批准谈话函询');
    expect(await staff.locator('body').textContent()).not.toContain(COMPLAINANT);
    expect((await staff.request.get(`/api/v1/clues/${clueId}/complainant`)).status()).toBe(404);
    await staff.context().close();

    // 5. The 分管领导 approves on the clue page; the clue is now in 谈话函询 with its history.
    const leader = await open(OVERSEER);
    await leader.goto(`/clues/${clueId}?tab=approvals`);
    const pending = (await (await leader.request.get(`/api/v1/clues/${clueId}`)).json()).requests.find(
      (r: { status: string; action: string }) => r.status === 'PENDING' && r.action === 'approveTalkInquiry',
    );
    expect(pending?.canDecide, 'the 分管领导 may decide').toBe(true);
    await leader.getByTestId(`clue-approve-${pending.id}`).click();
    await leader.getByTestId('clue-decision-submit').click();
    await expect.poll(() => stateOf(leader)).toBe('TALK_INQUIRY');
    await expect.poll(() => leader.getByTestId('clue-state').textContent()).toBe('谈话函询');
    const timeline = leader.getByTestId('clue-timeline');
    await expect.poll(() => timeline.textContent()).toContain('登记编号');
    await expect.poll(() => timeline.textContent()).toContain('承办部门接收');
    await expect.poll(() => timeline.textContent()).toContain('提出处置意见');
    expect(await leader.locator('body').textContent()).not.toContain(COMPLAINANT);
    await screenshot(leader, 'clue-talk-inquiry-approved');

    // The 谈话函询 round was opened by the approval.
    await leader.getByTestId('clue-tab-inquiry').click();
    await expect.poll(() => leader.getByTestId('clue-inquiry-1').count()).toBe(1);
  }, 240_000);
});

import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { confirmDialog, fillDate, isoDay, launch, newPage, pick, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/**
 * 以案促改 in the browser (domain.md g.4 scenario 4): the 驻市金融工作部门纪检监察组 (the bank in its scope) drafts a 监察建议书 to the
 * demo city bank, the 审理室 reviews it, the 书记 approves, the drafter issues (兰监建〔年〕N号) and
 * serves it; the bank's contact adopts it in their portal, plans, reports and replies; the drafter
 * accepts, verifies and closes out the tasks, evaluates the letter (回头看) and closes it.
 */
const DRAFTER = 'fin.staff';
const REVIEWER = 'sl.staff1';
const SECRETARY = 'sj.secretary';
const LIAISON = 'bank.liaison';
const BANK = '示例城市商业银行';
const TITLE = `关于示例城市商业银行信贷审批管理问题的监察建议书（演示数据 ${Date.now().toString(36)}）`;
const ITEMS = ['修订信贷审批管理办法，落实贷款审批双人复核和关联交易回避制度。', '开展信贷业务廉洁风险专项排查，建立问题台账并逐项整改。'];

async function letterState(page: Page): Promise<string | null> {
  return page.getByTestId('letter-state').getAttribute('data-state');
}
async function taskState(page: Page): Promise<string | null> {
  return page.getByTestId('task-state').getAttribute('data-state');
}

/** Clicks a letter action and confirms its dialog (filling what `fill` asks). */
async function letterAction(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`letter-action-${action}`).click();
  await page.getByTestId('letter-action-confirm').waitFor({ state: 'visible', timeout: 10_000 });
  if (fill) await fill();
  await confirmDialog(page.getByTestId('letter-action-confirm'));
}

/** Runs a supervisor's task action; when its dialog stays open, fails with the server's answer and the dialog's error. */
async function taskAction(page: Page, action: string, comment?: string) {
  await page.getByTestId(`task-action-${action}`).click();
  await page.getByTestId('task-action-confirm').waitFor({ state: 'visible', timeout: 10_000 });
  if (comment) await page.getByTestId('task-action-comment').fill(comment);
  const logs: string[] = [];
  const onConsole = (m: ConsoleMessage) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('rowKey')) logs.push(m.text());
  };
  page.on('console', onConsole);
  const answer = page
    .waitForResponse((r) => r.request().method() === 'POST' && /\/rectification-tasks\/[^/]+\/actions$/.test(new URL(r.url()).pathname), { timeout: 15_000 })
    .then(async (r) => `${r.status()} ${(await r.text().catch(() => '')).slice(0, 200)}`)
    .catch(() => 'no POST …/actions answered');
  const isAction = (r: { method(): string; url(): string }) =>
    r.method() === 'POST' && /\/rectification-tasks\/[^/]+\/actions$/.test(new URL(r.url()).pathname);
  const sent = page
    .waitForRequest(isAction, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  await page.getByTestId('task-action-confirm').click();
  // On a loaded machine a click can land while the dialog is still animating in and send nothing: click once more.
  if (!(await sent)) await page.getByTestId('task-action-confirm').click();
  const closed = await page
    .getByTestId('task-action-confirm')
    .waitFor({ state: 'hidden', timeout: 15_000 })
    .then(() => true)
    .catch(() => false);
  page.off('console', onConsole);
  if (!closed) {
    const shown = await page
      .getByTestId('task-action-error')
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(
      `task action ${action}: the dialog stayed open; server: ${await answer}; dialog: ${shown ?? 'no error shown'}; console: ${logs.join(' | ') || 'quiet'}`,
    );
  }
}

describe.skipIf(Boolean(skip))('以案促改: 建议书 from drafting to 回头看, and the unit contact’s portal', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('drafts, reviews, approves, issues and serves a 监察建议书; the bank adopts, plans, reports and replies; the drafter verifies, evaluates and closes', async () => {
    const opened: Page[] = [];
    const open = async (user: string) => {
      const page = await newPage(browser);
      opened.push(page);
      await signIn(page, user);
      return page;
    };
    onTestFailed(async () => {
      for (const [i, page] of opened.entries()) if (!page.isClosed()) await screenshot(page, `reform-failure-${i}`).catch(() => undefined);
    });

    // 1. The drafter writes the letter with two recommendations; the preview follows the form.
    const drafter = await open(DRAFTER);
    await drafter.goto('/letters/new');
    await drafter.getByTestId('letter-editor').waitFor({ state: 'visible', timeout: 20_000 });
    await pick(drafter, 'letter-recipient-org', BANK, true);
    await drafter.getByTestId('letter-title').fill(TITLE);
    await drafter
      .getByTestId('letter-background')
      .fill('我委在查办示例城市商业银行信贷管理部原总经理违纪违法案件中，发现该行信贷管理存在以下问题。（演示数据）');
    await drafter.getByTestId('letter-facts').fill('1. 贷款审批流于形式，关联企业贷款未执行回避制度。\n2. 贷后管理缺位，逾期贷款长期未处置。');
    await drafter.getByTestId('letter-causes').fill('制度执行不严，监督制约不力，关键岗位权力过于集中。');
    for (const [i, text] of ITEMS.entries()) {
      await drafter.getByTestId(`letter-item-text-${i}`).fill(text);
      await fillDate(drafter, `letter-item-deadline-${i}`, isoDay(60 + i * 30));
    }
    await drafter.getByTestId('letter-contact').fill('演示联系人，0931-0000000（演示数据）');
    await expect.poll(() => drafter.getByTestId('letter-preview').textContent()).toContain(ITEMS[1]);
    expect(await drafter.getByTestId('letter-preview-docno').textContent()).toBe('〔待编号〕');
    // The 监委's formal short name (commission setting), as the DOCX prints it; the 印发机关 the 办公室.
    await expect.poll(() => drafter.getByTestId('letter-preview-mark').textContent()).toBe('兰州市监委');
    await expect.poll(() => drafter.getByTestId('letter-preview').textContent()).toContain('15个工作日内');
    await screenshot(drafter, 'reform-letter-editor');
    await drafter.getByTestId('letter-save').click();
    await drafter.waitForURL(/\/letters\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const letterId = new URL(drafter.url()).pathname.split('/').pop() ?? '';
    await expect.poll(() => letterState(drafter)).toBe('DRAFTING');
    await letterAction(drafter, 'submitReview');
    await expect.poll(() => letterState(drafter)).toBe('UNDER_REVIEW');

    // 2. The 审理室 records its review opinion (legal/trial review) and passes it on.
    const reviewer = await open(REVIEWER);
    await reviewer.goto(`/letters/${letterId}`);
    await reviewer.getByTestId('letter-tab-opinions').click();
    await reviewer.getByTestId('letter-opinion-add').click();
    await reviewer.getByTestId('letter-opinion-text').fill('经审核，事实清楚，依据充分，建议具体可行，同意报批。');
    await reviewer.getByTestId('letter-opinion-submit').click();
    await expect.poll(() => reviewer.getByTestId('letter-opinions').textContent()).toContain('同意报批');
    await screenshot(reviewer, 'reform-letter-review');
    await reviewer.context().close();

    // 3. The 书记 approves.
    const secretary = await open(SECRETARY);
    await secretary.goto(`/letters/${letterId}`);
    await letterAction(secretary, 'approve');
    await expect.poll(() => letterState(secretary)).toBe('APPROVED');
    await secretary.context().close();

    // 4. The drafter issues (the 发文字号 is allocated) and serves it with the receipt.
    await drafter.reload();
    await letterAction(drafter, 'issue');
    await expect.poll(() => letterState(drafter)).toBe('ISSUED');
    await expect.poll(() => drafter.getByTestId('letter-header-doc-no').textContent()).toMatch(/^兰监建〔\d{4}〕\d+号$/);
    const docNo = (await drafter.getByTestId('letter-header-doc-no').textContent()) ?? '';
    await expect.poll(() => drafter.getByTestId('letter-preview-docno').textContent()).toBe(docNo);
    expect((await drafter.request.get(`/api/v1/letters/${letterId}/document.docx`)).status()).toBe(200);
    await letterAction(drafter, 'serve', async () => {
      await drafter.getByTestId('letter-action-receiptSignedBy').fill('演示签收人');
    });
    await expect.poll(() => letterState(drafter)).toBe('SERVED');
    await screenshot(drafter, 'reform-letter-served');

    // 5. The bank's contact lands on their portal and sees nothing else; adopts the letter.
    const liaison = await open(LIAISON);
    await liaison.waitForURL(/\/portal\/letters$/, { timeout: 20_000 });
    await liaison.getByTestId('menu-/portal/letters').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await liaison.getByTestId('menu-/portal/tasks').count()).toBe(1);
    for (const hidden of ['/', '/clues', '/cases', '/reform', '/letters', '/rectification', '/org/tree', '/people', '/supervision/my-items']) {
      expect(await liaison.getByTestId(`menu-${hidden}`).count(), `menu ${hidden}`).toBe(0);
    }
    expect((await liaison.request.get('/api/v1/clues')).status()).toBe(403);
    await screenshot(liaison, 'reform-portal-letters');
    await liaison.getByTestId(`portal-letter-open-${letterId}`).click();
    await expect.poll(() => liaison.getByTestId('portal-letter-doc-no').textContent()).toBe(docNo);
    await liaison.getByTestId('portal-letter-adopt').click();
    await liaison.getByTestId('portal-letter-confirm').click();
    await expect.poll(() => liaison.locator('[data-testid^="portal-letter-task-"]').count(), { timeout: 15_000 }).toBe(2);
    await screenshot(liaison, 'reform-portal-letter-adopted');
    const tasks = (await (await liaison.request.get(`/api/v1/rectification-tasks?letterId=${letterId}`)).json()).items as { id: string }[];
    expect(tasks).toHaveLength(2);

    // 6. The contact submits a plan for each task.
    for (const task of tasks) {
      await liaison.goto(`/portal/tasks/${task.id}`);
      await liaison.getByTestId('portal-task-plan').click();
      await liaison.getByTestId('portal-plan-measure-0').fill('成立整改工作专班，由行长任组长，逐条对照建议制定措施。');
      await liaison.getByTestId('portal-plan-step-0').fill('完成制度修订并印发执行');
      await fillDate(liaison, 'portal-plan-due-0', isoDay(30));
      await confirmDialog(liaison.getByTestId('portal-plan-submit'));
      await expect.poll(() => liaison.getByTestId(`portal-task-next-${task.id}`).getAttribute('data-state')).toBe('PLAN_SUBMITTED');
    }
    await screenshot(liaison, 'reform-portal-plan');

    // 7. The supervisor (the drafter: 谁建议谁跟踪) accepts the plans.
    for (const task of tasks) {
      await drafter.goto(`/rectification/${task.id}`);
      await taskAction(drafter, 'acceptPlan');
      await expect.poll(() => taskState(drafter)).toBe('IN_PROGRESS');
    }
    await drafter.goto('/rectification');
    await drafter.getByTestId(`task-light-${tasks[0]?.id}`).waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(drafter, 'reform-rectification-board');

    // 8. The contact reports each task done with an evidence file, then writes the reply.
    for (const task of tasks) {
      await liaison.goto(`/portal/tasks/${task.id}`);
      await liaison.getByTestId('portal-task-done').click();
      await liaison.getByTestId('portal-report-content').fill('整改措施已全部落实：制度已修订印发，专项排查已完成。（演示数据）');
      await liaison
        .locator('[data-testid="portal-report-files"] input[type="file"], input[type="file"]')
        .first()
        .setInputFiles({
          name: '整改证明材料.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('示例城市商业银行整改证明材料（演示数据）\n', 'utf8'),
        });
      await confirmDialog(liaison.getByTestId('portal-report-submit'));
      await expect.poll(() => liaison.getByTestId(`portal-task-next-${task.id}`).getAttribute('data-state')).toBe('REPORTED_DONE');
    }
    await expect.poll(() => liaison.getByTestId('portal-task-history').textContent()).toContain('整改证明材料.txt');
    await screenshot(liaison, 'reform-portal-task-done');
    await liaison.goto(`/portal/letters/${letterId}`);
    await liaison.getByTestId('portal-letter-reply').click();
    await liaison.getByTestId('portal-letter-text-input').fill('我行已全部采纳建议：一是修订信贷审批管理办法；二是完成信贷业务廉洁风险专项排查。（演示数据）');
    await liaison.getByTestId('portal-letter-confirm').click();
    await expect.poll(() => liaison.getByTestId(`portal-letter-next-${letterId}`).getAttribute('data-state')).toBe('REPLIED');
    await screenshot(liaison, 'reform-portal-replied');
    await liaison.context().close();

    // 9. The drafter verifies and closes out the tasks, evaluates the letter (回头看) and closes it.
    for (const task of tasks) {
      await drafter.goto(`/rectification/${task.id}`);
      await taskAction(drafter, 'verify');
      await expect.poll(() => taskState(drafter)).toBe('VERIFIED');
      await taskAction(drafter, 'closeOut');
      await expect.poll(() => taskState(drafter)).toBe('CLOSED');
    }
    await screenshot(drafter, 'reform-task-closed');
    await drafter.goto(`/letters/${letterId}`);
    await letterAction(drafter, 'evaluate', async () => {
      await drafter.getByTestId('letter-action-evaluation').fill('回头看：整改措施落实到位，制度执行有效。');
      await drafter.getByTestId('letter-action-score').locator('input').or(drafter.getByTestId('letter-action-score')).first().fill('92');
    });
    await expect.poll(() => letterState(drafter)).toBe('EVALUATED');
    await letterAction(drafter, 'close');
    await expect.poll(() => letterState(drafter)).toBe('CLOSED');
    await drafter.getByTestId('letter-tab-tasks').click();
    await screenshot(drafter, 'reform-letter-closed');
    await drafter.goto(`/letters?q=${encodeURIComponent(docNo)}`);
    await expect.poll(() => drafter.getByTestId('letters-table').textContent()).toContain(docNo);
    await screenshot(drafter, 'reform-letters-ledger');
  }, 300_000);
});

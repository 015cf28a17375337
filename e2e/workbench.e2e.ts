import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { clickUntil, launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/*
 * 工作台 in the browser (issue 13, "Done means"): each main role — 案管室, 监督检查室, 派驻组, 分管领导, 书记, 信访室,
 * 单位联络人 — signs in and sees its own to-dos on the home page with the counts the API answers; follows a card
 * to its filtered ledger, which shows the same total; and acts on one of the rows (registers, completes an
 * item, approves, records the feedback, replies), after which the card is one lower on the API and on the screen
 * and the object shows its new state.
 *
 * The e2e server is shared by every journey file (one database per run): a journey acts only on an object no
 * other journey relies on — an item it leads that is not a 共性 item (supervision.e2e completes one of those),
 * a demo request or letter the other files never touch — and reads every count before acting.
 */

const HEADERS = { 'x-requested-with': 'liandong' };

interface Card {
  key: string;
  count: number;
  rows: { id: string; link: string }[];
  ledger: string;
  api: string;
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.fetch(url, { headers: HEADERS });
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

async function cardsOf(page: Page): Promise<Card[]> {
  return (await getJson<{ cards: Card[] }>(page, '/api/v1/workbench')).cards;
}

/** The total the card's ledger answers through its own API. */
async function ledgerTotal(page: Page, card: Card): Promise<number> {
  const body = await getJson<{ total?: number; unread?: number }>(page, card.api);
  return card.key === 'unreadMessages' ? (body.unread ?? -1) : (body.total ?? -1);
}

/** Every card with work shows the API's count on the page, and that count is its ledger's total. */
async function expectCardsMatch(page: Page): Promise<Card[]> {
  await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
  const cards = await cardsOf(page);
  for (const card of cards.filter((c) => c.count > 0)) {
    expect(await ledgerTotal(page, card), card.key).toBe(card.count);
    await expect.poll(() => page.getByTestId(`wb-count-${card.key}`).textContent(), { timeout: 10_000 }).toBe(String(card.count));
  }
  return cards;
}

/** Follows a card's title to its ledger and reads the pagination's total (共 N 条) there. */
async function followCard(page: Page, card: Card, pageTestId: string): Promise<void> {
  await page.getByTestId(`wb-ledger-${card.key}`).click();
  await page.waitForURL((u) => `${u.pathname}${u.search}` === card.ledger, { timeout: 20_000 });
  await expect
    .poll(() => page.getByTestId(pageTestId).locator('.ant-pagination-total-text').first().textContent(), { timeout: 20_000 })
    .toBe(`共 ${card.count} 条`);
}

/** The card of `key` as the API answers it now. */
async function cardOf(page: Page, key: string): Promise<Card | undefined> {
  return (await cardsOf(page)).find((c) => c.key === key);
}

/**
 * Back on the home page after acting: the card is one lower through the API and on the screen (a card with
 * nothing left folds into the line of empty cards), and the acted row has left it.
 */
async function expectCardDropped(page: Page, before: Card, actedId: string, home = '/'): Promise<void> {
  await page.goto(home);
  await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
  const after = await cardOf(page, before.key);
  expect(after?.count, before.key).toBe(before.count - 1);
  expect(after?.rows.map((r) => r.id)).not.toContain(actedId);
  expect(await ledgerTotal(page, after as Card), before.key).toBe(before.count - 1);
  if ((after?.count ?? 0) > 0) await expect.poll(() => page.getByTestId(`wb-count-${before.key}`).textContent()).toBe(String(after?.count));
  else await expect.poll(() => page.getByTestId(`wb-count-${before.key}`).count()).toBe(0);
}

interface ItemRow {
  id: string;
  state: string;
  leadOrgId: string;
  commonItemId: string | null;
}

/**
 * An item on the ledger's first page that the user's org leads and can complete: not a 共性 item (another
 * journey completes one of those from the matrix), in progress or with a finding.
 */
async function itemToComplete(page: Page, card: Card): Promise<ItemRow> {
  const shown = (await getJson<{ items: ItemRow[] }>(page, `${card.api}&page=1&pageSize=20`)).items;
  const led = new Set((await getJson<{ items: ItemRow[] }>(page, '/api/v1/supervision/my-items?role=lead&light=RED&pageSize=200')).items.map((i) => i.id));
  const ok = shown.filter((i) => led.has(i.id) && ['IN_PROGRESS', 'ISSUE_FOUND'].includes(i.state));
  const item = ok.find((i) => !i.commonItemId) ?? ok.at(-1);
  expect(item, `an overdue item on ${card.ledger} that the org leads, in progress`).toBeTruthy();
  return item as ItemRow;
}

/** From the ledger row to the item: reports progress, completes it; the item shows 已完成. */
async function completeItem(page: Page, item: ItemRow, note: string): Promise<void> {
  await page
    .locator(`tr[data-row-key="${item.id}"]`)
    .first()
    .click({ position: { x: 8, y: 8 } });
  await page.waitForURL((u) => u.pathname === `/supervision/items/${item.id}`, { timeout: 20_000 });
  await page.getByTestId('item-action-report').click();
  await page.getByTestId('progress-content').fill(note);
  await clickUntil(page.getByTestId('progress-submit'), async () => ((await page.getByTestId('progress-list').textContent()) ?? '').includes(note));
  await page.getByTestId('item-action-complete').click();
  const confirm = page.getByTestId('item-action-complete-confirm');
  await confirm.waitFor({ state: 'visible', timeout: 10_000 });
  await clickUntil(confirm, async () => (await page.getByTestId('item-state').getAttribute('data-state')) === 'COMPLETED');
  expect((await getJson<{ state: string }>(page, `/api/v1/supervision/items/${item.id}`)).state).toBe('COMPLETED');
}

/** On a clue page: approves the request waiting for this user; the chain shows the decision with its comment. */
async function approveRequest(page: Page, requestId: string, comment: string): Promise<void> {
  await page.getByTestId(`clue-approve-${requestId}`).click();
  await page.getByTestId('clue-decision-comment').fill(comment);
  await page.getByTestId('clue-decision-submit').click();
  await expect.poll(() => page.getByTestId(`clue-approve-${requestId}`).count(), { timeout: 15_000 }).toBe(0);
}

describe.skipIf(Boolean(skip))('工作台: each role sees its own to-dos, follows a card to the filtered ledger, and acts', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('案管室: the unnumbered clues card leads to the ledger filtered to them; registering one takes it off the card', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-case-manager-failed'));
    await signIn(page, 'ag.manager1');
    await page.goto('/');
    const cards = await expectCardsMatch(page);
    await expect.poll(() => page.locator('h1').count()).toBe(1);
    const toRegister = cards.find((c) => c.key === 'cluesToRegister');
    expect(toRegister?.count).toBeGreaterThan(0);
    await screenshot(page, 'workbench-case-manager');

    await followCard(page, toRegister as Card, 'clue-ledger-page');
    const clueId = (toRegister as Card).rows[0]!.id;
    await page.goto(`/clues/${clueId}`);
    await page.getByTestId('clue-action-register').click();
    let status = 0;
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/clues/${clueId}/actions`) status ||= r.status();
    });
    await clickUntil(page.getByTestId('clue-action-register-confirm'), async () => status !== 0);
    expect(status).toBe(200);

    await page.goto('/');
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    const after = (await cardsOf(page)).find((c) => c.key === 'cluesToRegister');
    expect(after?.count).toBe((toRegister?.count ?? 0) - 1);
    expect(after?.rows.map((r) => r.id)).not.toContain(clueId);
    if ((after?.count ?? 0) > 0) await expect.poll(() => page.getByTestId('wb-count-cluesToRegister').textContent()).toBe(String(after?.count));
    else await expect.poll(() => page.getByTestId('workbench-empty').textContent()).toContain('待登记编号的线索');
    await page.context().close();
  }, 180_000);

  it('监督检查室: the overdue items card leads to 我的事项 on the red light with the same total; completing an item takes it off', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-office-failed'));
    await signIn(page, 'jc3.staff');
    const cards = await expectCardsMatch(page);
    const overdue = cards.find((c) => c.key === 'itemsOverdue');
    expect(overdue?.count).toBeGreaterThan(0);
    // The card's rows carry their light by name, not by colour alone.
    await expect.poll(() => page.getByTestId('wb-card-itemsOverdue').textContent()).toContain('逾期');
    await screenshot(page, 'workbench-office');
    await followCard(page, overdue as Card, 'my-items-page');
    const item = await itemToComplete(page, overdue as Card);
    await completeItem(page, item, '第三监督检查室：已完成专项检查，问题已督促整改到位。（演示数据）');
    await expectCardDropped(page, overdue as Card, item.id);
    await page.context().close();
  }, 120_000);

  it('派驻组: the overdue cards open their boards on the red light with the same totals; the bell is live; completing an item takes it off', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-group-failed'));
    await signIn(page, 'edu.group');
    const cards = await expectCardsMatch(page);
    const overdue = cards.find((c) => c.key === 'tasksOverdue') as Card;
    expect(overdue.count).toBeGreaterThan(0);
    // The bell is live: messages read elsewhere (another tab, here the API) leave the badge within one poll.
    const unread = cards.find((c) => c.key === 'unreadMessages') as Card;
    expect(unread.count).toBeGreaterThan(0);
    const badge = page.getByTestId('inbox-badge').locator('.ant-badge-count');
    await expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(1);
    const read = await page.request.fetch('/api/v1/inbox/read-all', { method: 'POST', headers: HEADERS });
    expect(read.status()).toBe(200);
    await expect.poll(() => badge.count(), { timeout: 45_000, interval: 1_000 }).toBe(0);
    await followCard(page, overdue, 'rect-board-page');
    // The group's overdue 议定事项 lead to the decision board on its own view and the red light.
    const decisions = cards.find((c) => c.key === 'decisionsOverdue');
    if (decisions && decisions.count > 0) {
      await page.goto('/');
      await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
      await followCard(page, decisions, 'decisions-page');
    }
    // The group acts on an overdue item it leads, from 我的事项 under the card's filter.
    await page.goto('/');
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    const items = (await cardOf(page, 'itemsOverdue')) as Card;
    expect(items.count).toBeGreaterThan(0);
    await followCard(page, items, 'my-items-page');
    const item = await itemToComplete(page, items);
    await completeItem(page, item, '驻市教育局纪检监察组：监督事项已办结，整改材料已归档。（演示数据）');
    await expectCardDropped(page, items, item.id);
    await page.context().close();
  }, 120_000);

  it('分管领导: the approvals waiting for the leader and the figures of the scope; approving the request takes it off the card', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-leader-failed'));
    await signIn(page, 'fsj1.deputy');
    await page.goto('/');
    const cards = await expectCardsMatch(page);
    const keys = cards.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['clueApprovals', 'cluesInProgress', 'casesOpen']));
    expect(keys).not.toContain('cluesToRegister');
    expect(keys).toContain('itemsOverdueInScope');
    await screenshot(page, 'workbench-leader');
    await followCard(page, cards.find((c) => c.key === 'cluesInProgress') as Card, 'clue-ledger-page');
    // A row opens the object itself: the clue whose request waits for this leader, who approves it there.
    await page.goto('/');
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    const approvals = cards.find((c) => c.key === 'clueApprovals') as Card;
    expect(approvals.count).toBeGreaterThan(0);
    await page.getByTestId('wb-row-clueApprovals').first().getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === approvals.rows[0]!.link, { timeout: 20_000 });
    await page.getByTestId('clue-page').waitFor({ state: 'visible', timeout: 20_000 });
    const request = approvals.rows[0]!.id;
    await page.getByTestId('clue-tab-approvals').click();
    const comment = '同意。请承办部门抓紧办理。（演示数据）';
    await approveRequest(page, request, comment);
    await expect.poll(() => page.getByTestId(`clue-request-card-${request}`).textContent()).toContain(comment);
    await expectCardDropped(page, approvals, request);
    await page.context().close();
  }, 120_000);

  it("单位联络人: the portal opens on the unit's to-dos; the cards lead to its own lists under the same filter; the written reply takes the letter off", async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-liaison-failed'));
    await signIn(page, 'edu.liaison');
    await page.waitForURL((u) => u.pathname === '/portal/letters', { timeout: 20_000 });
    const cards = await expectCardsMatch(page);
    expect(cards.map((c) => c.key)).toEqual(['tasksOverdue', 'tasksDueSoon', 'lettersToAnswer', 'unreadMessages']);
    await screenshot(page, 'workbench-liaison');
    const overdue = cards.find((c) => c.key === 'tasksOverdue') as Card;
    expect(overdue.count).toBeGreaterThan(0);
    await followCard(page, overdue, 'portal-tasks-page');
    const letters = cards.find((c) => c.key === 'lettersToAnswer') as Card;
    expect(letters.count).toBeGreaterThan(0);
    await page.goto('/portal/letters');
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    await followCard(page, letters, 'portal-letters-page');
    await expect.poll(() => page.getByTestId('portal-letters-state').textContent()).toContain('已送达');
    // The letter being rectified (adopted): the unit replies in writing from the list's row.
    const list = (await getJson<{ items: { id: string; state: string }[] }>(page, `${letters.api}&pageSize=50`)).items;
    const letter = list.find((l) => l.state === 'RECTIFYING') ?? list[0]!;
    await page.getByTestId(`portal-letter-open-${letter.id}`).click();
    await page.waitForURL((u) => u.pathname === `/portal/letters/${letter.id}`, { timeout: 20_000 });
    if (letter.state === 'SERVED') {
      await page.getByTestId('portal-letter-adopt').click();
      await page.getByTestId('portal-letter-confirm').click();
      await expect.poll(() => page.getByTestId(`portal-letter-next-${letter.id}`).getAttribute('data-state')).toBe('RECTIFYING');
    }
    await page.getByTestId('portal-letter-reply').click();
    await page.getByTestId('portal-letter-text-input').fill('市教育局已全部采纳建议：修订校园餐管理办法，完成配送企业履约评价。（演示数据）');
    // The reply's own answer first: a refused reply (409 on a stale version, 400) fails here with the server's message,
    // not as a state that never changes (h-split's CI once failed the poll below, under load, with no way to tell which).
    const replied = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/letters/${letter.id}/actions`, {
      timeout: 30_000,
    });
    await page.getByTestId('portal-letter-confirm').click();
    const answer = await replied;
    expect(answer.status(), await answer.text()).toBe(200);
    // The project's poll timeout (20 s, vitest.config.ts: a loaded CI machine), not a shorter one of its own.
    await expect.poll(() => page.getByTestId(`portal-letter-next-${letter.id}`).getAttribute('data-state')).toBe('REPLIED');
    await expectCardDropped(page, letters, letter.id, '/portal/letters');
    await page.context().close();
  }, 120_000);

  it('书记: the approvals and the figures of the scope match the ledgers; the overdue items across the scope; approving from 待我审批', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-secretary-failed'));
    await signIn(page, 'sj.secretary');
    await page.goto('/');
    const cards = await expectCardsMatch(page);
    const keys = cards.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['clueApprovals', 'cluesInProgress', 'casesOpen', 'itemsOverdueInScope', 'lettersObjected']));
    expect(keys).not.toContain('itemsOverdue');
    await screenshot(page, 'workbench-secretary');
    // The overdue items of the whole commission: 我的事项 on its 分管范围 tab, the red light, every year.
    const scope = cards.find((c) => c.key === 'itemsOverdueInScope') as Card;
    expect(scope.count).toBeGreaterThan(0);
    await followCard(page, scope, 'my-items-page');
    await expect.poll(() => page.getByTestId('my-items-tab-scope').textContent()).toContain(String(scope.count));
    // The approvals card leads to 待我审批; the 书记 approves a request there.
    await page.goto('/');
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    const approvals = (await cardOf(page, 'clueApprovals')) as Card;
    expect(approvals.count).toBeGreaterThan(0);
    await followCard(page, approvals, 'clue-approvals-page');
    const waiting = (await getJson<{ items: { id: string; clueId: string }[] }>(page, `${approvals.api}&pageSize=100`)).items;
    const request = waiting.at(-1)!;
    await approveRequest(page, request.id, '同意。（演示数据）');
    await page.goto(`/clues/${request.clueId}?tab=approvals`);
    await expect.poll(() => page.getByTestId(`clue-request-card-${request.id}`).textContent()).toContain('同意。（演示数据）');
    await expectCardDropped(page, approvals, request.id);
    await page.context().close();
  }, 180_000);

  it('信访室: the petitions owing their result to the complainant match the clue ledger; recording the feedback takes one off', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-petition-failed'));
    await signIn(page, 'xf.officer1');
    await page.goto('/');
    const cards = await expectCardsMatch(page);
    expect(cards.map((c) => c.key)).toEqual(expect.arrayContaining(['cluesAcknowledgeDue', 'cluesFeedbackDue']));
    const due = cards.find((c) => c.key === 'cluesFeedbackDue') as Card;
    expect(due.count).toBeGreaterThan(0);
    await screenshot(page, 'workbench-petition');
    await followCard(page, due, 'clue-ledger-page');
    const clueId = due.rows[0]!.id;
    await page
      .locator(`tr[data-row-key="${clueId}"]`)
      .first()
      .click({ position: { x: 8, y: 8 } });
    await page.waitForURL((u) => u.pathname === `/clues/${clueId}`, { timeout: 20_000 });
    await page.getByTestId('clue-action-feedback').click();
    let status = 0;
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/clues/${clueId}/actions`) status ||= r.status();
    });
    await clickUntil(page.getByTestId('clue-date-submit'), async () => status !== 0);
    expect(status).toBe(200);
    const clue = await getJson<{ deadlines: { feedbackOn: string | null } }>(page, `/api/v1/clues/${clueId}`);
    expect(clue.deadlines.feedbackOn).toBeTruthy();
    await expectCardDropped(page, due, clueId);
    await page.context().close();
  }, 180_000);

  it('审查调查室: the cases whose execution it must report match the case ledger; reporting it takes the case off', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-investigation-failed'));
    await signIn(page, 'sc10.staff');
    await page.goto('/');
    const cards = await expectCardsMatch(page);
    expect(cards.map((c) => c.key)).toEqual(expect.arrayContaining(['casesAnnounceDue', 'casesExecutionDue']));
    const due = cards.find((c) => c.key === 'casesExecutionDue') as Card;
    expect(due.count).toBeGreaterThan(0);
    await screenshot(page, 'workbench-investigation');
    await followCard(page, due, 'cases-page');
    const caseId = due.rows[0]!.id;
    await page
      .locator(`tr[data-row-key="${caseId}"]`)
      .first()
      .click({ position: { x: 8, y: 8 } });
    await page.waitForURL((u) => u.pathname === `/cases/${caseId}`, { timeout: 20_000 });
    await page.getByTestId('case-action-reportExecution').click();
    await page.getByTestId('case-action-comment').fill('处分决定已执行到位，执行情况报告已归档。（演示数据）');
    await clickUntil(page.getByTestId('case-action-confirm'), async () => (await page.getByTestId('case-state').getAttribute('data-state')) === 'EXECUTED');
    await expectCardDropped(page, due, caseId);
    await page.context().close();
  }, 180_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/*
 * 工作台 in the browser (issue 13, "Done means"): the 案管室, a 监督检查室 and a 派驻组 sign in and see their
 * own to-dos on the home page with the counts the API answers; each follows a card to its filtered ledger, which
 * shows the same total; the 案管室 registers the unnumbered clue from there and sees its card go down by one.
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
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/clues/${clueId}/actions`, {
      timeout: 20_000,
    });
    await page.getByTestId('clue-action-register-confirm').click();
    expect((await answered).status()).toBe(200);

    await page.goto('/');
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    const after = (await cardsOf(page)).find((c) => c.key === 'cluesToRegister');
    expect(after?.count).toBe((toRegister?.count ?? 0) - 1);
    expect(after?.rows.map((r) => r.id)).not.toContain(clueId);
    if ((after?.count ?? 0) > 0) await expect.poll(() => page.getByTestId('wb-count-cluesToRegister').textContent()).toBe(String(after?.count));
    else await expect.poll(() => page.getByTestId('workbench-empty').textContent()).toContain('待登记编号的线索');
    await page.context().close();
  }, 180_000);

  it('监督检查室: the overdue items card leads to 我的事项 filtered to the red light, with the same total', async () => {
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
    await page.context().close();
  }, 120_000);

  it('派驻组: the overdue tasks and decisions cards open their boards on the red light with the same totals; the bell is live', async () => {
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
    await page.context().close();
  }, 120_000);

  it('分管领导: the approvals waiting for the leader and the figures of the scope; a card leads to the filtered clue ledger', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'workbench-leader-failed'));
    await signIn(page, 'fsj1.deputy');
    await page.goto('/');
    const cards = await expectCardsMatch(page);
    const keys = cards.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['clueApprovals', 'cluesInProgress', 'casesOpen']));
    expect(keys).not.toContain('cluesToRegister');
    await screenshot(page, 'workbench-leader');
    // A row opens the object itself: the clue whose request waits for this leader.
    const approvals = cards.find((c) => c.key === 'clueApprovals') as Card;
    expect(approvals.count).toBeGreaterThan(0);
    await page.getByTestId('wb-row-clueApprovals').first().getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === approvals.rows[0]!.link, { timeout: 20_000 });
    await page.getByTestId('clue-page').waitFor({ state: 'visible', timeout: 20_000 });
    await page.goto('/');
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    await followCard(page, cards.find((c) => c.key === 'cluesInProgress') as Card, 'clue-ledger-page');
    await page.context().close();
  }, 120_000);

  it("单位联络人: the portal opens on the unit's to-dos; the cards lead to its own task and letter lists under the same filter", async () => {
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
    if (letters.count > 0) {
      await page.goto('/portal/letters');
      await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
      await followCard(page, letters, 'portal-letters-page');
      await expect.poll(() => page.getByTestId('portal-letters-state').textContent()).toContain('已送达');
    }
    await page.context().close();
  }, 120_000);
});

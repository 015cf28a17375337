import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, screenshot, signIn, skipReason } from './browser';

const skip = skipReason();

/*
 * 监督质效 cockpit in the browser (issue 15): the 书记 finds it on the home page beside the to-dos, switches to the
 * 派驻组 dimension, follows a figure to the clue ledger, which shows the same total (共 N 条); the standing
 * committee member sees the same kind of figures but not a single link to an object list.
 */

const HEADERS = { 'x-requested-with': 'liandong' };
const YEAR = new Date().getFullYear();

interface Cell {
  value: number | null;
  link: { screen: string; api: string; query: Record<string, string | string[]> } | null;
}
interface Cockpit {
  aggregatesOnly: boolean;
  rows: { key: string; name: string; cells: Record<string, Cell> }[];
  total: Record<string, Cell>;
}

async function cockpitOf(page: Page, dimension: string): Promise<Cockpit> {
  const res = await page.request.fetch(`/api/v1/cockpit?year=${YEAR}&dimension=${dimension}`, { headers: HEADERS });
  expect(res.status()).toBe(200);
  return (await res.json()) as Cockpit;
}

describe.skipIf(Boolean(skip))('监督质效: the 书记 drills from the home cockpit into a ledger; the standing committee sees aggregates only', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('书记: cockpit on the home page, dimension switched, a figure opens the clue ledger with the same total', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'cockpit-secretary-failed'));
    await signIn(page, 'sj.secretary');
    await page.goto('/');
    const home = page.getByTestId('home-cockpit');
    await home.waitFor({ state: 'visible', timeout: 20_000 });
    // Beside the to-dos: the workbench is on the same page.
    await page.getByTestId('workbench').waitFor({ state: 'visible', timeout: 20_000 });
    await home.getByTestId('cockpit-tab-group').click();
    const api = await cockpitOf(page, 'group');
    expect(api.aggregatesOnly).toBe(false);
    const row = api.rows.find((r) => (r.cells.cluesReceived?.value ?? 0) > 0 && r.cells.cluesReceived?.link);
    expect(row, 'a dispatched group with clues in the demo data').toBeTruthy();
    const cell = row!.cells.cluesReceived!;
    const figure = home.getByTestId(`cockpit-cell-${row!.key}-cluesReceived`);
    await expect.poll(() => figure.textContent(), { timeout: 20_000 }).toBe(String(cell.value));
    await screenshot(page, 'cockpit-secretary-home');
    await figure.click();
    await page.waitForURL((u) => u.pathname === '/clues', { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('undertakingOrgId')).toBe(row!.key);
    await expect
      .poll(() => page.getByTestId('clue-ledger-page').locator('.ant-pagination-total-text').first().textContent(), { timeout: 20_000 })
      .toBe(`共 ${cell.value} 条`);
    await page.close();
  });

  it('standing committee: the same figures on the home page, no link to an object list', async () => {
    const page = await newPage(browser);
    onTestFailed(() => screenshot(page, 'cockpit-standing-committee-failed'));
    await signIn(page, 'cw5.member');
    await page.goto('/');
    const home = page.getByTestId('home-cockpit');
    await home.waitFor({ state: 'visible', timeout: 20_000 });
    const api = await cockpitOf(page, 'office');
    expect(api.aggregatesOnly).toBe(true);
    const row = api.rows.find((r) => (r.cells.cluesReceived?.value ?? 0) > 0);
    expect(row).toBeTruthy();
    await expect
      .poll(() => home.getByTestId(`cockpit-cell-${row!.key}-cluesReceived`).textContent(), { timeout: 20_000 })
      .toBe(String(row!.cells.cluesReceived!.value));
    expect(await home.getByTestId('cockpit-table').locator('a').count()).toBe(0);
    await screenshot(page, 'cockpit-standing-committee-home');
    // The full screen too: figures, no links.
    await page.goto(`/cockpit?year=${YEAR}&dimension=county`);
    await page.getByTestId('cockpit-table').waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => page.getByTestId('cockpit-table').locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('cockpit-table').locator('a').count()).toBe(0);
    await page.close();
  });
});

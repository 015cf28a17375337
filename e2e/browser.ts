import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import '../server/test/provided';
import { launchChromium } from './chromium';

export { CHROMIUM_PATH } from './chromium';

export const ARTEFACTS = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
export const DEMO_PASSWORD = 'Demo@2026lz';

export function baseUrl(): string {
  return inject('e2eBaseUrl');
}
export function skipReason(): string {
  return inject('e2eSkipReason');
}

export function launch(): Promise<Browser> {
  return launchChromium();
}

/**
 * The context every journey uses. The users sit in Beijing: the browser's "today" (default dates of forms) must be
 * the commission's, not the CI machine's UTC — between 16:00 and 24:00 UTC the two are different days. The system
 * asks for reduced motion (减弱动态效果), which the product honours by opening dialogs, drawers and menus at once: a
 * click while a dialog was still zooming in was lost, at random, one dialog in a few hundred (CI, 2026-12-06).
 * `a11y.e2e.ts` checks both settings.
 */
export const CONTEXT_OPTIONS = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' } as const;

export async function newPage(browser: Browser, options: { reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), ...CONTEXT_OPTIONS, ...options });
  return context.newPage();
}

/**
 * Clicks a dialog's or a popconfirm's button until `done` holds: a click that lands while the dialog is still
 * opening is lost (the dialog open, its text filled, no request sent). A click while the request is pending hits the
 * button's loading state; after the answer the dialog is closed.
 */
export async function clickUntil(button: Locator, done: () => Promise<boolean>): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await done()) return true;
        if (await button.isVisible()) await button.click({ timeout: 2_000 }).catch(() => undefined);
        return done();
      },
      { timeout: 20_000, interval: 1_000 },
    )
    .toBe(true);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: false });
}

/**
 * TOTP secrets enrolled during this run, shared by the test files (each runs in its own process): a
 * leader enrolled by one journey is asked for a code by the next. Keyed by the run's server URL.
 */
function totpStore(): string {
  return path.join(os.tmpdir(), `liandong-e2e-totp-${new URL(baseUrl()).port}.json`);
}
function readTotp(): Record<string, { secret: string; lastCounter: number }> {
  return existsSync(totpStore()) ? JSON.parse(readFileSync(totpStore(), 'utf8')) : {};
}
function writeTotp(username: string, secret: string, counter: number): void {
  writeFileSync(totpStore(), JSON.stringify({ ...readTotp(), [username]: { secret, lastCounter: counter } }));
}
/**
 * A code for a counter after the last one used (the server refuses a replayed code). The server takes a code of the
 * step before or after its current one (auth/totp.ts, ±1): the current step if unused, else the next one, so a second
 * sign-in of the same account within a step does not wait up to 30 s for the clock; a third one does.
 */
async function freshCode(username: string, secret: string): Promise<string> {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  const last = readTotp()[username]?.lastCounter ?? -1;
  while (last + 1 > totp.counter() + 1) await new Promise((r) => setTimeout(r, 1000));
  const step = Math.max(totp.counter(), last + 1);
  writeTotp(username, secret, step);
  return totp.generate({ timestamp: step * 30_000 });
}

/**
 * Signs in through the form: completes TOTP enrolment on the first sign-in of an account whose role
 * requires it (administrators, leaders, 信访室 and 案管室: MFA_REQUIRED_ROLES), and answers the TOTP
 * prompt with the secret enrolled earlier in this run on later ones.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  const totpField = page.getByTestId('login-totp');
  const refused = page.getByTestId('login-error');
  await Promise.race([
    page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 }),
    totpField.waitFor({ state: 'visible', timeout: 20_000 }),
    refused.waitFor({ state: 'visible', timeout: 20_000 }),
  ]);
  // The server said no (a sign-in limit, a locked account): the journey stops with its words, not 20 s later.
  if (await refused.isVisible()) throw new Error(`${username} was refused at sign-in: ${await refused.textContent()}`);
  if (new URL(page.url()).pathname.startsWith('/login')) {
    const enrolled = readTotp()[username];
    if (!enrolled) throw new Error(`${username} asks for a TOTP code but was not enrolled in this run`);
    await totpField.fill(await freshCode(username, enrolled.secret));
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
  }
  if (new URL(page.url()).pathname.startsWith('/account/totp')) {
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.getByTestId('totp-code').fill(await freshCode(username, secret));
    await page.getByTestId('totp-confirm').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/account/totp'), { timeout: 20_000 });
  }
}

/** Clicks a dialog's confirm button (once it shows) until the dialog has closed; see `clickUntil`. */
export async function confirmDialog(button: Locator): Promise<void> {
  await button.waitFor({ state: 'visible', timeout: 15_000 });
  await clickUntil(button, async () => !(await button.isVisible()));
}

/** The commission's civil day (Asia/Shanghai) `offset` days from now, as the server's date checks count it. */
export function isoDay(offset = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));
}

/**
 * Opens an antd select and chooses the option containing `text`; `search` is typed first when the select
 * searches the server (`true` types `text` itself). Returns the chosen option's text.
 *
 * The options come from queries that may refetch and re-render under load, and a click during the dropdown's
 * opening animation can be lost: after the click the select must show the choice, or the pick is tried again.
 * An option already chosen is not clicked (in a multiple select that would take it out again).
 */
export async function pick(page: Page, testId: string, text: string, search?: string | boolean): Promise<string> {
  const select = page.getByTestId(testId);
  const typed = search === true ? text : search || '';
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typed) await page.keyboard.type(typed);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first();
    await option.waitFor({ state: 'visible', timeout: 15_000 });
    // A server search re-renders the options when its answer arrives: on a retry, let the list settle first.
    if (attempt > 1) {
      await page.waitForTimeout(400 * attempt);
      await option.waitFor({ state: 'visible', timeout: 15_000 });
    }
    const chosen = ((await option.textContent()) ?? '').trim();
    if ((await option.getAttribute('aria-selected')) === 'true') await page.keyboard.press('Escape');
    else await option.click();
    const shows = async () => {
      const shown = ((await select.textContent()) ?? '').trim();
      return shown.includes(text) || (chosen !== '' && shown.includes(chosen));
    };
    for (let wait = 0; wait < 10 && !(await shows()); wait++) await page.waitForTimeout(300);
    if (await shows()) return chosen;
    if (attempt === 5) throw new Error(`pick ${testId}: "${text}" was clicked five times and never shown in the select`);
    console.warn(`pick ${testId}: "${text}" did not show in the select (attempt ${attempt}); trying again`);
    await page.keyboard.press('Escape');
  }
}

/** Types a date into an antd DatePicker (the test id sits on the input or on its wrapper). */
export async function fillDate(page: Page, testId: string, iso: string): Promise<void> {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
}

/** Confirms the open Popconfirm (antd renders its buttons in a floating layer without test ids). */
export async function confirmPopover(page: Page): Promise<void> {
  const ok = page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary');
  await ok.waitFor({ state: 'visible', timeout: 10_000 });
  // A click during the opening animation can miss: click again while the layer stays open.
  for (let attempt = 0; attempt < 4; attempt++) {
    await ok.click({ timeout: 5_000 }).catch(() => undefined);
    const closed = await ok
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
  }
  throw new Error('the confirmation stayed open');
}

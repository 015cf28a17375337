import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import '../server/test/provided';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTEFACTS = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
export const DEMO_PASSWORD = 'Demo@2026lz';

export function baseUrl(): string {
  return inject('e2eBaseUrl');
}
export function skipReason(): string {
  return inject('e2eSkipReason');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  // The users sit in Beijing: the browser's "today" (default dates of forms) must be the commission's, not the
  // CI machine's UTC — between 16:00 and 24:00 UTC the two are different days.
  const context = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  return context.newPage();
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
/** A code for a counter after the last one used (the server refuses a replayed code). */
async function freshCode(username: string, secret: string): Promise<string> {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  const last = readTotp()[username]?.lastCounter ?? -1;
  while (totp.counter() <= last) await new Promise((r) => setTimeout(r, 1000));
  writeTotp(username, secret, totp.counter());
  return totp.generate();
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
  await Promise.race([page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 }), totpField.waitFor({ state: 'visible', timeout: 20_000 })]);
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

/**
 * `npm run bench:payload -- --url=http://127.0.0.1:3000 [--user=edu.staff] [--password=…] [--verbose]`
 *
 * What a user's browser downloads on a cold first visit: `/login` with an empty cache, then the signed-in
 * home (`/`) with an empty cache and a session cookie (a bookmark opened the next morning). Bytes are
 * counted from Chromium's own network events (CDP `Network.loadingFinished.encodedDataLength`: what came
 * over the wire, headers included) and, for comparison, the decoded body sizes (`Network.dataReceived`).
 * The server must be running and serve the built web app (`npm start`: demo data; `npm run bench` signs in with a
 * group-staff account of its own data set and its password); the account must not require TOTP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/chromium';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEMO_PASSWORD = 'Demo@2026lz';
/** A group staff account of the demo commission (GROUP_STAFF needs no TOTP). */
const DEFAULT_USER = 'edu.staff';

/** The newest modification time under `dir` (ms). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the web app (`npm run build -w web`, as `npm start` does) when web/dist is missing or older than the web and
 * domain sources; resolves with the build's seconds (0 when it was up to date). The server serves web/dist only if it
 * exists when it starts, so await this before starting it. Started early, it runs beside the data generation.
 */
export function ensureWebBuild(onChild?: (c: ChildProcess) => void): Promise<{ built: boolean; seconds: number }> {
  const dist = path.join(ROOT, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newest(path.join(ROOT, 'web', 'src')),
    newest(path.join(ROOT, 'domain', 'src')),
    statSync(path.join(ROOT, 'web', 'index.html')).mtimeMs,
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) return Promise.resolve({ built: false, seconds: 0 });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    onChild?.(child);
    let out = '';
    child.stdout?.on('data', (c) => (out = (out + c).slice(-4000)));
    child.stderr?.on('data', (c) => (out = (out + c).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve({ built: true, seconds: Math.round((performance.now() - started) / 100) / 10 });
      else reject(new Error(`npm run build -w web exited with ${code}: ${out.slice(-1500)}`));
    });
  });
}

export interface PayloadFigures {
  /** Transferred KB (1 KB = 1,024 bytes) for a cold load of /login. */
  login_kb: number;
  /** Transferred KB for a cold load of the signed-in home. */
  home_kb: number;
  login_uncompressed_kb: number;
  home_uncompressed_kb: number;
  requests_login: number;
  requests_home: number;
  /** The account whose home was measured. */
  account?: string;
  /** From the click on 登录 to the page leaving /login (ms). */
  sign_in_ms?: number;
  /** From the navigation to `/` until the home shows every card filled, before the final quiet period (ms). */
  home_ms?: number;
  /** The home's API calls: what it waited for (ms from request to response end, transferred KB). */
  home_api?: { path: string; ms: number; kb: number }[];
  /** The ten largest transfers of each load (path, transferred KB), for finding where the bytes go. */
  largest_login?: { path: string; kb: number }[];
  largest_home?: { path: string; kb: number }[];
}

interface Tally {
  encoded: number;
  decoded: number;
  requests: number;
  urls: Map<string, { encoded: number; decoded: number; ms: number }>;
  /** Stops counting (what follows, e.g. the sign-in itself, is not part of the load). */
  stop(): void;
  /**
   * Resolves once no request of the page has been in flight for `quietMs` (Playwright's `networkidle` is a
   * one-time state of the navigation: once reached, `waitForLoadState('networkidle')` returns at once, even
   * while lazily imported chunks and the page's API calls are still loading).
   */
  quiet(quietMs: number, timeoutMs: number): Promise<void>;
}

/** Counts every request of `page` from now on, with the cache disabled (a cold load). */
async function tally(context: BrowserContext, page: Page): Promise<Tally> {
  const cdp = await context.newCDPSession(page);
  let counting = true;
  const inFlight = new Set<string>();
  let lastActivity = performance.now();
  const urlOf = new Map<string, string>();
  const startOf = new Map<string, number>();
  const decodedOf = new Map<string, number>();
  const t: Tally = {
    encoded: 0,
    decoded: 0,
    requests: 0,
    urls: new Map(),
    stop: () => (counting = false),
    quiet: async (quietMs, timeoutMs) => {
      const until = performance.now() + timeoutMs;
      while (inFlight.size > 0 || performance.now() - lastActivity < quietMs) {
        if (performance.now() > until)
          throw new Error(
            `the network did not go quiet within ${timeoutMs / 1000} s (in flight: ${[...inFlight].map((id) => urlOf.get(id) ?? id).join(', ')})`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  const done = (id: string) => {
    inFlight.delete(id);
    lastActivity = performance.now();
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    urlOf.set(e.requestId, e.request.url);
    startOf.set(e.requestId, performance.now());
    if (!e.request.url.startsWith('data:')) inFlight.add(e.requestId);
    lastActivity = performance.now();
  });
  cdp.on('Network.dataReceived', (e) => decodedOf.set(e.requestId, (decodedOf.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on('Network.loadingFailed', (e) => done(e.requestId));
  cdp.on('Network.loadingFinished', (e) => {
    done(e.requestId);
    const url = urlOf.get(e.requestId) ?? e.requestId;
    // data: URLs (inline images) cross no network.
    if (!counting || url.startsWith('data:')) return;
    const decoded = decodedOf.get(e.requestId) ?? 0;
    t.encoded += e.encodedDataLength;
    t.decoded += decoded;
    t.requests += 1;
    // A URL asked for twice (a refetch) keeps its slower answer; a request not seen starting has no time.
    const started = startOf.get(e.requestId);
    const ms = started === undefined ? 0 : Math.round(performance.now() - started);
    const before = t.urls.get(url);
    t.urls.set(url, { encoded: e.encodedDataLength + (before?.encoded ?? 0), decoded: decoded + (before?.decoded ?? 0), ms: Math.max(ms, before?.ms ?? 0) });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return t;
}

/** A load is over when no request has been in flight for this long (ms). */
const QUIET_MS = 500;
/** Sign-in (password hash, session, audit) and the home's first API calls at full scale get this long (ms). */
const SIGN_IN_TIMEOUT_MS = 30_000;
const HOME_TIMEOUT_MS = 60_000;

function kb(bytes: number): number {
  return Math.round((bytes / 1024) * 10) / 10;
}

function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
}

/**
 * Measures the cold first loads of `/login` and of the signed-in home against a running server. Each load
 * runs in a fresh browser context (empty cache) and is over when the page shows its content and the network
 * has been idle for 500 ms, so lazily loaded screen chunks and the home's API calls are included.
 */
export async function measurePayload(
  baseUrl: string,
  { username = DEFAULT_USER, password = DEMO_PASSWORD, verbose = false }: { username?: string; password?: string; verbose?: boolean } = {},
): Promise<PayloadFigures> {
  const browser = await launchChromium();
  try {
    const loginContext = await newContext(browser, baseUrl);
    const loginPage = await loginContext.newPage();
    const login = await tally(loginContext, loginPage);
    await loginPage.goto('/login', { waitUntil: 'load' });
    await loginPage.getByTestId('login-username').waitFor({ state: 'visible' });
    await login.quiet(QUIET_MS, 30_000);
    login.stop();

    await loginPage.getByTestId('login-username').fill(username);
    await loginPage.getByTestId('login-password').fill(password);
    const signInStarted = performance.now();
    await loginPage.getByTestId('login-submit').click();
    try {
      await loginPage.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: SIGN_IN_TIMEOUT_MS });
    } catch {
      // Say why (a refused password, a TOTP prompt) instead of only that the page stayed.
      const shown = ((await loginPage.locator('.ant-alert, .ant-form-item-explain-error, .ant-message').allTextContents()) ?? []).join(' / ');
      throw new Error(
        `${username} could not sign in within ${SIGN_IN_TIMEOUT_MS / 1000} s (still on ${new URL(loginPage.url()).pathname}${shown ? `: ${shown}` : ''})`,
      );
    }
    const signInMs = Math.round(performance.now() - signInStarted);
    const state = await loginContext.storageState();
    await loginContext.close();

    const homeContext = await browser.newContext({
      baseURL: baseUrl,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 900 },
      storageState: state,
    });
    const homePage = await homeContext.newPage();
    const home = await tally(homeContext, homePage);
    const homeStarted = performance.now();
    await homePage.goto('/', { waitUntil: 'load' });
    // The home is loaded when its page shows with every card filled (工作台, 知悉范围, latest messages; the
    // cockpit summary for the 书记): no skeleton left, then no request in flight for QUIET_MS.
    const homeSelector = '[data-testid="home-page"]';
    try {
      await homePage.locator(homeSelector).waitFor({ state: 'visible', timeout: HOME_TIMEOUT_MS });
      // (The app's CSP forbids evaluating strings, so poll the DOM through a locator.)
      const skeletons = homePage.locator(`${homeSelector} .ant-skeleton`);
      const until = performance.now() + HOME_TIMEOUT_MS;
      while ((await skeletons.count()) > 0) {
        if (performance.now() > until) throw new Error('cards still loading (skeletons shown)');
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch (err) {
      const where = new URL(homePage.url()).pathname;
      if (where.startsWith('/login')) throw new Error(`${username}: the session did not carry over to the home page`);
      throw new Error(
        `${username}: the home page did not finish loading within ${HOME_TIMEOUT_MS / 1000} s (at ${where}): ${(err as Error).message.split('\n')[0]}`,
      );
    }
    await home.quiet(QUIET_MS, HOME_TIMEOUT_MS);
    const homeMs = Math.round(performance.now() - homeStarted - QUIET_MS);
    home.stop();
    await homeContext.close();

    if (verbose) {
      for (const [name, t] of [
        ['/login', login],
        ['home', home],
      ] as const) {
        console.log(`\n${name}:`);
        const rows = [...t.urls.entries()].sort((a, b) => b[1].encoded - a[1].encoded);
        for (const [url, s] of rows) console.log(`  ${kb(s.encoded).toFixed(1).padStart(8)} KB  (${kb(s.decoded).toFixed(1).padStart(8)} KB decoded)  ${url}`);
      }
    }
    const largest = (t: Tally) =>
      [...t.urls.entries()]
        .sort((a, b) => b[1].encoded - a[1].encoded)
        .slice(0, 10)
        .map(([url, s]) => ({ path: new URL(url).pathname + new URL(url).search, kb: kb(s.encoded) }));
    return {
      login_kb: kb(login.encoded),
      home_kb: kb(home.encoded),
      login_uncompressed_kb: kb(login.decoded),
      home_uncompressed_kb: kb(home.decoded),
      requests_login: login.requests,
      requests_home: home.requests,
      account: username,
      sign_in_ms: signInMs,
      home_ms: homeMs,
      home_api: [...home.urls.entries()]
        .filter(([url]) => new URL(url).pathname.startsWith('/api/'))
        .map(([url, s]) => ({ path: new URL(url).pathname + new URL(url).search, ms: s.ms, kb: kb(s.encoded) })),
      largest_login: largest(login),
      largest_home: largest(home),
    };
  } finally {
    await browser.close();
  }
}

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv
    .slice(2)
    .find((a) => a.startsWith(prefix))
    ?.slice(prefix.length);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = arg('url') ?? 'http://127.0.0.1:3000';
  measurePayload(url, { username: arg('user') ?? DEFAULT_USER, password: arg('password') ?? DEMO_PASSWORD, verbose: process.argv.includes('--verbose') })
    .then((figures) => {
      console.log(JSON.stringify(figures, null, 2));
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}

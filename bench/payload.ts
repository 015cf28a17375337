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
}

interface Tally {
  encoded: number;
  decoded: number;
  requests: number;
  urls: Map<string, { encoded: number; decoded: number }>;
  /** Stops counting (what follows, e.g. the sign-in itself, is not part of the load). */
  stop(): void;
}

/** Counts every request of `page` from now on, with the cache disabled (a cold load). */
async function tally(context: BrowserContext, page: Page): Promise<Tally> {
  const cdp = await context.newCDPSession(page);
  let counting = true;
  const t: Tally = { encoded: 0, decoded: 0, requests: 0, urls: new Map(), stop: () => (counting = false) };
  const urlOf = new Map<string, string>();
  const decodedOf = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => urlOf.set(e.requestId, e.request.url));
  cdp.on('Network.dataReceived', (e) => decodedOf.set(e.requestId, (decodedOf.get(e.requestId) ?? 0) + e.dataLength));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urlOf.get(e.requestId) ?? e.requestId;
    // data: URLs (inline images) cross no network.
    if (!counting || url.startsWith('data:')) return;
    const decoded = decodedOf.get(e.requestId) ?? 0;
    t.encoded += e.encodedDataLength;
    t.decoded += decoded;
    t.requests += 1;
    t.urls.set(url, { encoded: e.encodedDataLength, decoded });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return t;
}

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
    await loginPage.goto('/login', { waitUntil: 'networkidle' });
    await loginPage.getByTestId('login-username').waitFor({ state: 'visible' });
    await loginPage.waitForLoadState('networkidle');
    login.stop();

    await loginPage.getByTestId('login-username').fill(username);
    await loginPage.getByTestId('login-password').fill(password);
    await loginPage.getByTestId('login-submit').click();
    try {
      await loginPage.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
    } catch {
      // Say why (a refused password, a TOTP prompt) instead of only that the page stayed.
      const shown = ((await loginPage.locator('.ant-alert, .ant-form-item-explain-error, .ant-message').allTextContents()) ?? []).join(' / ');
      throw new Error(`${username} could not sign in within 20 s (still on ${new URL(loginPage.url()).pathname}${shown ? `: ${shown}` : ''})`);
    }
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
    await homePage.goto('/', { waitUntil: 'networkidle' });
    if (new URL(homePage.url()).pathname.startsWith('/login')) throw new Error(`${username}: the session did not carry over to the home page`);
    await homePage.locator('.ld-header').waitFor({ state: 'visible' });
    await homePage.waitForLoadState('networkidle');
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
    return {
      login_kb: kb(login.encoded),
      home_kb: kb(home.encoded),
      login_uncompressed_kb: kb(login.decoded),
      home_uncompressed_kb: kb(home.decoded),
      requests_login: login.requests,
      requests_home: home.requests,
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

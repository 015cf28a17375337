import net from 'node:net';
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, CONTEXT_OPTIONS, launch, signIn, skipReason } from './browser';

/**
 * 部署在内网 over plain HTTP: a colleague opens the platform from another machine by its LAN address. Chromium
 * treats 127.0.0.1 as a secure context, so the other journeys cannot see what an intranet user sees; this one
 * reaches the server through the machine's own non-loopback address (a TCP relay on that address to the server
 * under test, which listens on loopback). Had the pages asked to upgrade to https (CSP upgrade-insecure-requests)
 * or sent HSTS, the browser would request https assets that do not exist and the page would stay blank.
 */
function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

const lan = lanAddress();
const skip = skipReason() || (lan ? '' : 'no non-loopback IPv4 address on this machine');

describe.skipIf(Boolean(skip))('the platform over plain HTTP on a LAN address', () => {
  let browser: Browser;
  let relay: net.Server;
  let origin: string;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    const target = new URL(baseUrl());
    relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => relay.listen(0, lan!, resolve));
    origin = `http://${lan}:${(relay.address() as net.AddressInfo).port}`;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => relay?.close(r));
  });

  it('the login page and the home page render, every request stays on http://, no HSTS', async () => {
    const context = await browser.newContext({ baseURL: origin, ...CONTEXT_OPTIONS });
    const page = await context.newPage();
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    const res = await page.goto('/login');
    expect(res?.status()).toBe(200);
    // What the user sees first: the form, not a blank page.
    await page.getByTestId('login-username').waitFor({ state: 'visible', timeout: 20_000 });
    expect(res?.headers()['strict-transport-security']).toBeUndefined();
    expect(res?.headers()['content-security-policy'] ?? '').not.toContain('upgrade-insecure-requests');

    await signIn(page, 'jc3.director');
    await expect.poll(() => page.getByTestId('app-menu').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(new URL(page.url()).origin).toBe(origin);
    expect(requested.length).toBeGreaterThan(3);
    expect(requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });
});
